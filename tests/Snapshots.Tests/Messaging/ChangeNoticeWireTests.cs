using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Tests.Messaging;

public class ChangeNoticeWireTests
{
    [Fact]
    public void The_text_hash_keeps_its_wire_names_so_queued_notices_still_decode()
    {
        const string queued = """{"v":1,"documentId":"acme/privacy-policy","sequence":2,"sha256":"bb","capturedAt":"2026-12-01T00:00:00+00:00","previousSha256":"aa","severity":"high"}""";

        var notice = QueueMessageCodec.Decode<ChangeNotice>(QueueNames.Changes, queued, ChangeNotice.CurrentVersion);

        Assert.Equal(("bb", "aa"), (notice.TextSha256, notice.PreviousTextSha256));
        var json = QueueMessageCodec.Encode(notice);
        Assert.Contains("\"sha256\":\"bb\"", json);
        Assert.Contains("\"previousSha256\":\"aa\"", json);
    }
}
