#!/usr/bin/env python3
"""The benchmarks' corpus: the latest capture of each Open Terms Archive series in a replay folder, copied to COUNT pages
at distinct URLs under WORK/site (served on loopback at PORT by the calling script), with a Snapshots declaration for each
in WORK/declarations. Options add the same pages for the peers: --ota (OTA's engine declarations in WORK/ota/declarations),
--urlwatch (jobs and settings in WORK/urlwatch), and --rendered (each body put into the DOM by script, declared with
executeClientScripts: a static fetch sees an empty page, a browser the original).
Usage: replay-corpus.py REPLAY WORK COUNT PORT [--rendered] [--ota] [--urlwatch]"""
import glob, gzip, json, os, re, sys

def scripted(html):
    match = re.search(rb"<body[^>]*>(.*)</body>", html, re.S | re.I)
    body = (match.group(1) if match else html).decode("utf-8", "replace")
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)
    head = re.search(rb"<head[^>]*>(.*?)</head>", html, re.S | re.I)
    head = re.sub(r"<script\b.*?</script>", "", head.group(1).decode("utf-8", "replace") if head else "", flags=re.S | re.I)
    return ("<!doctype html><html><head>" + head + "</head><body><script>document.body.innerHTML = "
            + json.dumps(body).replace("</", "<\\/") + ";</script></body></html>").encode("utf-8")

def main(args):
    flags = {a for a in args if a.startswith("--")}
    unknown = flags - {"--rendered", "--ota", "--urlwatch"}
    positional = [a for a in args if not a.startswith("--")]
    if unknown or len(positional) != 4:
        sys.exit(__doc__.splitlines()[-1] + (f" (unknown {', '.join(sorted(unknown))})" if unknown else ""))
    replay, work, count, port = positional[0], positional[1], int(positional[2]), positional[3]
    rendered = "--rendered" in flags
    series = sorted(d for d in os.listdir(replay) if os.path.isfile(os.path.join(replay, d, "declarations.json")))
    folders = ["site", "declarations"] + (["ota/declarations"] if "--ota" in flags else []) + (["urlwatch"] if "--urlwatch" in flags else [])
    for folder in folders: os.makedirs(os.path.join(work, folder))
    jobs, total = [], 0
    for i in range(count):
        name = series[i % len(series)]
        body = gzip.open(sorted(glob.glob(os.path.join(replay, name, "captures", "*.html.gz")))[-1]).read()
        if rendered: body = scripted(body)
        total += len(body)
        os.makedirs(os.path.join(work, "site", str(i)), exist_ok=True)
        open(os.path.join(work, "site", str(i), name + ".html"), "wb").write(body)
        current = [d for d in json.load(open(os.path.join(replay, name, "declarations.json"))) if d.get("validUntil") is None][0]
        url = f"http://127.0.0.1:{port}/{i}/{name}.html"
        source = {"fetch": url, "select": current["select"], **({"remove": current["remove"]} if current.get("remove") else {})}
        if rendered: source["executeClientScripts"] = True
        terms = "Privacy Policy" if "privacy" in name else "Terms of Service"
        declaration = {"name": f"Replay {i:04d} {name}", "terms": {terms: source}}
        json.dump(declaration, open(os.path.join(work, "declarations", f"replay-{i:04d}.json"), "w"))
        if "--ota" in flags: json.dump(declaration, open(os.path.join(work, "ota", "declarations", f"Replay-{i:04d}.json"), "w"))
        css = ", ".join(s for s in current["select"] if isinstance(s, str))
        jobs.append(f'name: "{i} {name}"\nurl: "{url}"\nfilter:\n  - css: "{css}"\n')
    if "--urlwatch" in flags:
        open(os.path.join(work, "urlwatch", "urls.yaml"), "w").write("---\n".join(jobs))
        open(os.path.join(work, "urlwatch", "urlwatch.yaml"), "w").write(
            "display: {new: true, error: true, unchanged: false}\nreport:\n  text: {details: true, footer: false, line_length: 75, minimal: false, separate: false}\n"
            "  stdout: {enabled: false, color: false}\n  email: {enabled: false}\n")
        open(os.path.join(work, "urlwatch", "hooks.py"), "w").write("")
    print(f"{count} {'rendered ' if rendered else ''}pages from {len(series)} series, {total / 2**20:.1f} MiB a cycle")

if __name__ == "__main__":
    main(sys.argv[1:])
