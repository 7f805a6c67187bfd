using Snapshots.Catalog;

namespace Snapshots.Tests.Catalog;

public class DocumentRecordTests
{
    private static DocumentDeclaration Declared(string select) =>
        DeclarationParser.Parse("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "select": """ + "\"" + select + "\"}}}", "x.json").Documents[0];

    [Fact]
    public void The_declaration_is_read_once_and_read_again_when_the_row_carries_another()
    {
        var record = new DocumentRecord { DeclarationJson = DeclarationJsonOptions.Serialize(Declared("main")) };
        var first = record.Declaration();
        Assert.Same(first, record.Declaration());

        record.DeclarationJson = DeclarationJsonOptions.Serialize(Declared("article"));
        var second = record.Declaration();
        Assert.NotSame(first, second);
        Assert.Equal("article", Assert.IsType<CssSelector>(Assert.Single(second.Sources[0].Select)).Css);
    }
}
