"""The language server under an editor's load: diagnostics latency and memory over edits.

    python benchmarks/lsp_bench.py [--edits 1000] [--cores 0]

Starts ``contentlint lsp`` on stdio (pinned to one core with ``taskset`` when there is one,
so the protocol thread and the lint thread share it), opens a 100 KB Markdown document made
of the real blog posts in ``benchmarks/corpora/blogs`` with a few defects added, and
prints:

- **latency**: one edit, then the time until that version's diagnostics arrive (median,
  90th percentile, worst of 30), next to the in-process ``lint_text`` time of the same text;
- **typing**: ten edits 30 ms apart, then the time from the last one to its diagnostics
  (older versions are superseded, not linted one by one);
- **memory**: the server's resident memory after the first 100 edits and after all of them
  (``--edits``, default 1,000, sent in bursts of ten), and the growth between the two.

The targets (issue 20): diagnostics within 200 ms of a change, memory within 10%.
Figures only, no pass/fail exit: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
BLOGS = ROOT / "benchmarks" / "corpora" / "blogs"
SIZE = 100_000
DEFECTS = (
    "Launch day 🎉 for the team â€” welcome aboard.\n\n"
    "<!-- Hero Mobile -->\n"
    "The full schedule is at https://bit.ly/3xYzAbc today.\n\n"
)
TIMEOUT = 60.0


def document() -> str:
    """About 100 KB of real Markdown posts, the defects in the middle."""
    rows = (BLOGS / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    parts: list[str] = []
    size = 0
    for row in rows:
        text = (BLOGS / row.split("\t", 1)[0]).read_text(encoding="utf-8")
        parts.append(text)
        size += len(text.encode("utf-8"))
        if size >= SIZE:
            break
    parts.insert(len(parts) // 2, DEFECTS)
    return "\n\n".join(parts)[: SIZE + 2_000]


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("lsp-bench", "1")
        self.arrived: dict[int, float] = {}
        self.version = 1
        self.uri = (ROOT / "benchmarks" / "lsp-bench.md").as_uri()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            if params.version is not None:
                self.arrived[params.version] = time.perf_counter()

    async def start(self, cores: str | None) -> None:
        command = [sys.executable, "-m", "lint", "lsp"]
        if cores is not None and shutil.which("taskset"):
            command = ["taskset", "-c", cores, *command]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        await self.client.start_io(*command, env=env)
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="repo")],
            )
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()  # type: ignore[no-untyped-call]

    @property
    def pid(self) -> int:
        server = self.client._server
        assert server is not None
        return server.pid

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.pid}/status").read_text(encoding="utf-8")
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    async def wait(self, version: int) -> float:
        async def arrived() -> float:
            while version not in self.arrived:
                await asyncio.sleep(0.001)
            return self.arrived[version]

        return await asyncio.wait_for(arrived(), TIMEOUT)

    def open(self, text: str) -> None:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri, language_id="markdown", version=1, text=text
                )
            )
        )

    def edit(self, line: int, insert: bool) -> int:
        """Type " lorem" at the start of ``line``, or take it away again."""
        self.version += 1
        start = types.Position(line=line, character=0)
        if insert:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=start, end=start), text=" lorem"
            )
        else:
            end = types.Position(line=line, character=6)
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=start, end=end), text=""
            )
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=[change],
            )
        )
        return self.version


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


async def run(edits: int, cores: str | None) -> None:
    from lint import lint_text

    text = document()
    lines = text.count("\n")
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        found = lint_text(text, markup="markdown", path="lsp-bench.md")
        timings.append(time.perf_counter() - started)
    print(
        f"document: {len(text.encode('utf-8')):,} bytes, {lines:,} lines, {len(found.findings)} findings"
    )
    print(f"in process, lint_text: {_ms(statistics.median(timings))} (median of 5)")

    bench = Bench()
    await bench.start(cores)
    try:
        started = time.perf_counter()
        bench.open(text)
        print(f"open to first diagnostics: {_ms(await bench.wait(1) - started)}")

        latencies = []
        for step in range(30):
            sent = time.perf_counter()
            version = bench.edit(1 + (step * 37) % lines, insert=step % 2 == 0)
            latencies.append(await bench.wait(version) - sent)
        if len(latencies) % 2:
            version = bench.edit(1 + (29 * 37) % lines, insert=False)
            await bench.wait(version)
        latencies.sort()
        print(
            f"one edit to its diagnostics: median {_ms(statistics.median(latencies))}, "
            f"p90 {_ms(latencies[int(len(latencies) * 0.9)])}, worst {_ms(latencies[-1])} (30 edits)"
        )

        typing = []
        for burst in range(5):
            for key in range(10):
                if key:
                    await asyncio.sleep(0.03)
                last = time.perf_counter()
                version = bench.edit(3 + burst, insert=key % 2 == 0)
            typing.append(await bench.wait(version) - last)
        print(
            f"typing (10 edits 30 ms apart), last edit to its diagnostics: "
            f"median {_ms(statistics.median(typing))}, worst {_ms(max(typing))} (5 bursts)"
        )

        rss = []
        for burst in range(edits // 10):
            for key in range(10):
                version = bench.edit(1 + (burst * 53) % lines, insert=key % 2 == 0)
            await bench.wait(version)
            if (burst + 1) % 10 == 0:
                rss.append(bench.rss_mb())
        growth = (rss[-1] - rss[0]) / rss[0] * 100
        print(
            f"memory (resident): {rss[0]:.1f} MB after 100 edits, {rss[-1]:.1f} MB after "
            f"{edits:,} edits: {growth:+.1f}%; every 100 edits: "
            + " ".join(f"{mb:.1f}" for mb in rss)
        )
    finally:
        await bench.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=1000, help="edits for the memory figure")
    parser.add_argument(
        "--cores", default="0", help="taskset core list for the server ('' for no pinning)"
    )
    args = parser.parse_args()
    asyncio.run(run(max(args.edits, 200), args.cores or None))


if __name__ == "__main__":
    main()
