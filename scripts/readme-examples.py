#!/usr/bin/env python3
"""Runs every example in README.md and docs/*.md and checks that its output is still what the page shows.

An example is a fenced code block (```) whose first line starts with "$ ". In it:
  * a line starting with "$ " is a command (a trailing backslash continues it on the next line);
  * the lines up to the next command are its expected output (stdout and stderr, as a terminal shows them);
  * a last output line "# exit code N" means the command must exit with N (otherwise it must exit 0);
  * a line "..." (indented or not) stands for any number of lines (for outputs the page shortens).
A block preceded by an HTML comment <!-- example: skip (why) --> is not run; keep those rare.

Each page runs in a fresh working folder, its blocks in page order (a later block may use a file an
earlier one wrote). In that folder, `ml-latest-small` and `the-movies-dataset` are links to the copies in
../shared/data (the data a user gets with `cinerec download`), and `./cinerec` runs this checkout's
launcher. The environment is fixed: TZ=UTC, LC_ALL=C.UTF-8, an empty download cache (XDG_CACHE_HOME in
the folder), no progress bars.

The working folder's path in an output is written $PWD. Outputs are compared line by line after masking
what differs from run to run (MASKS below: durations, clock times, the thread count, the time rows and
columns of compare, tune and demo) and dropping trailing blanks; every other character, every figure
included, must match (the seeds are fixed). A drifted block is listed with a diff.

Usage:
  scripts/readme-examples.py [--update] [--keep] [--shared DIR] [--list] [FILE.md ...]
    --update   rewrite the drifted outputs in place with the fresh ones ("..." kept where they were; a line
               that differs only in masked parts keeps the page's text)
    --keep     keep the working folders (printed) for a look
    --shared   the folder holding data/ (default: ../shared beside the checkout, or $CINEREC_SHARED)
    --list     list the examples (and the skipped ones with their reason) without running anything
Exit status: 0 when every example matches, 1 when one drifted or failed, 2 on a usage error.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = re.compile(r"<!--\s*example:\s*skip\b\s*(.*?)\s*-->")
EXIT = re.compile(r"^# exit code (\d+)$")

# What may differ between two runs of the same example. Each entry: (name, pattern, replacement); the
# patterns are applied in order to expected and actual lines alike. A masked line also has its runs of
# spaces collapsed (a wider number shifts a padded column).
MASKS = [
    # 2026-12-03T16:41:56Z, 2026-12-03 16:41:56.123+00:00 (a clock time; plain dates such as the data's
    # 1996-03-29 are data and stay)
    ("timestamp", re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?"), "<time>"),
    # 0.51 s, (0.85 s), fit 5.498 s, 12 ms, 3.2 min; 0:00:07
    ("duration", re.compile(r"(?<![\w.])\d+(\.\d+)?\s?(s|ms|min)\b"), "<t> s"),
    ("clock", re.compile(r"\b\d+:\d\d:\d\d\b"), "<t>"),
    # 45.1 MB/s
    ("rate", re.compile(r"(?<![\w.])\d+(\.\d+)?\s?[KMG]i?B/s\b"), "<rate>"),
    # (2 threads): the machine's cores, not a result
    ("threads", re.compile(r"\(\d+ threads?\)"), "(<n> threads)"),
    # "modelVersion" : "4ea71b736d0e": the model file's checksum, which covers its training time
    ("model version", re.compile(r'("modelVersion" ?: ?)"[0-9a-f]{12}"'), r'\1"<version>"'),
]
# Rows whose numbers are all times: compare's fit_seconds, predict_seconds and rank_seconds.
TIME_ROWS = re.compile(r"^(\s*)(fit_seconds|predict_seconds|rank_seconds)\b.*$")
# Tables whose last column is a time: a header line ending in "fit s" (demo, tune).
TIME_COLUMN_HEADER = re.compile(r"\bfit s\s*$")
NUMBER_AT_END = re.compile(r"(?<![\w.])\d+(\.\d+)?(\s*)$")


class Command:
    def __init__(self, line, text):
        self.line = line      # 0-based line of the "$ " line in the page
        self.text = text      # the command without "$ " (continuations joined with newlines)
        self.expected = []    # expected output lines
        self.exit = 0
        self.end = line       # 0-based line after its last output line


class Block:
    def __init__(self, path, start, end, skip):
        self.path = path
        self.start = start    # line of the opening fence
        self.end = end        # line of the closing fence
        self.skip = skip      # the reason, or None
        self.commands = []

    def where(self):
        return "%s:%d" % (os.path.relpath(self.path, ROOT), self.start + 1)


def parse(path):
    """The example blocks of a page."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        fence = lines[i].strip()
        if not fence.startswith("```"):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        body = lines[i + 1:j]
        if body and body[0].startswith("$ "):
            skip = None
            k = i - 1
            while k >= 0 and lines[k].strip() == "":
                k -= 1
            if k >= 0:
                m = SKIP.search(lines[k])
                if m:
                    skip = m.group(1).strip("() ") or "no reason given"
            block = Block(path, i, j, skip)
            n = 0
            while n < len(body):
                if body[n].startswith("$ "):
                    first = i + 1 + n
                    text = body[n][2:]
                    while text.endswith("\\") and n + 1 < len(body):
                        n += 1
                        text = text + "\n" + body[n]
                    cmd = Command(first, text)
                    n += 1
                    while n < len(body) and not body[n].startswith("$ "):
                        cmd.expected.append(body[n])
                        n += 1
                    while cmd.expected and cmd.expected[-1].strip() == "":
                        cmd.expected.pop()
                    if cmd.expected and EXIT.match(cmd.expected[-1].strip()):
                        cmd.exit = int(EXIT.match(cmd.expected[-1].strip()).group(1))
                        cmd.expected.pop()
                    cmd.end = i + 1 + n
                    block.commands.append(cmd)
                else:
                    n += 1
            blocks.append(block)
        i = j + 1
    return blocks, lines


def mask(lines):
    """The lines as compared: trailing blanks dropped, run-to-run differences masked (see MASKS)."""
    out = []
    time_column = False
    for line in lines:
        line = line.rstrip()
        masked = False
        if TIME_ROWS.match(line):
            line = re.sub(r"(?<![\w.@])\d+(\.\d+)?", "<t>", line)
            masked = True
        if time_column:
            if line.strip() == "" or not NUMBER_AT_END.search(line):
                time_column = False
            else:
                line = NUMBER_AT_END.sub("<t>", line)
                masked = True
        if TIME_COLUMN_HEADER.search(line):
            time_column = True
        for _, pattern, replacement in MASKS:
            line, n = pattern.subn(replacement, line)
            masked = masked or n > 0
        if masked:
            line = re.sub(r" {2,}", " ", line)
        out.append(line)
    return out


def matches(expected, actual):
    """Whether the actual lines fit the expected ones, "..." standing for any run of lines."""
    if not any(l.strip() == "..." for l in expected):
        return expected == actual
    parts = []
    current = []
    for line in expected:
        if line.strip() == "...":
            parts.append(current)
            current = []
        else:
            current.append(line)
    parts.append(current)
    if actual[:len(parts[0])] != parts[0]:
        return False
    pos = len(parts[0])
    for part in parts[1:-1]:
        found = -1
        for p in range(pos, len(actual) - len(part) + 1):
            if actual[p:p + len(part)] == part:
                found = p
                break
        if found < 0:
            return False
        pos = found + len(part)
    last = parts[-1]
    return len(actual) - pos >= len(last) and (not last or actual[len(actual) - len(last):] == last)


def refreshed(expected, actual):
    """The new expected lines: the actual ones, shortened again where the page had "...": each stretch of
    the page between "..." lines is replaced by the stretch of output of the same length that fits it
    best (the first stretch anchored at the start unless the page starts with "...", the last at the end
    unless it ends with "...")."""
    dots = [i for i, l in enumerate(expected) if l.strip() == "..."]
    if not dots:
        return actual
    parts = []
    start = 0
    for d in dots + [len(expected)]:
        parts.append(expected[start:d])
        start = d + 1
    masked_actual = mask(actual)
    out = []
    pos = 0
    for k, part in enumerate(parts):
        n = len(part)
        if k == 0 and dots[0] != 0:
            at = 0
        elif k == len(parts) - 1 and dots[-1] != len(expected) - 1:
            at = max(pos, len(actual) - n)
        else:
            target = mask(part)
            best, at = -1, pos
            for p in range(pos, max(pos, len(actual) - n) + 1):
                score = sum(1 for a, b in zip(masked_actual[p:p + n], target) if a == b)
                if score > best:
                    best, at = score, p
        out.extend(actual[at:at + n])
        pos = at + n
        if k < len(dots):
            out.append(expected[dots[k]])
    return out


def keep_unchanged(expected, new):
    """The new lines, except that a line equal to the page's once masked keeps the page's text (its
    times), so an update changes only what drifted."""
    old_masked = mask(expected)
    new_masked = mask(new)
    out = list(new)
    matcher = difflib.SequenceMatcher(None, old_masked, new_masked, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out[j1:j2] = expected[i1:i2]
    return out


def workspace(shared):
    """A fresh folder that looks like the checkout to the examples: its folders (read only by intent;
    examples write new names), the two datasets, and ./cinerec."""
    work = tempfile.mkdtemp(prefix="cinerec-examples.")
    for name in sorted(os.listdir(ROOT)):
        full = os.path.join(ROOT, name)
        if os.path.isdir(full) and not name.startswith(".") and name not in ("target", "cinerec-demo"):
            os.symlink(full, os.path.join(work, name))
    data = os.path.join(shared, "data")
    for name in ("ml-latest-small", "the-movies-dataset"):
        target = os.path.join(data, name)
        if not os.path.isdir(target):
            sys.exit("readme-examples: %s is missing; give --shared DIR (the folder holding data/)" % target)
        os.symlink(target, os.path.join(work, name))
    launcher = os.path.join(work, "cinerec")
    with open(launcher, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexec %s \"$@\"\n" % shlex_quote(os.path.join(ROOT, "cinerec")))
    os.chmod(launcher, 0o755)
    os.makedirs(os.path.join(work, ".cache"))
    return work


def shlex_quote(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"


def run(cmd, work):
    env = dict(os.environ)
    env.update({"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "CINEREC_PROGRESS": "never",
                "XDG_CACHE_HOME": os.path.join(work, ".cache"), "COLUMNS": "120"})
    env.pop("CI", None)
    p = subprocess.run(["bash", "-c", cmd.text.replace("\\\n", "")], cwd=work, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = p.stdout.decode("utf-8", "replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [l for l in lines if not l.startswith("cinerec: building ")]
    for form in (os.path.realpath(work), work):
        lines = [l.replace(form, "$PWD") for l in lines]
    return p.returncode, lines


def main():
    ap = argparse.ArgumentParser(add_help=True, description="Check the examples of README.md and docs/*.md.")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--shared", default=os.environ.get("CINEREC_SHARED", os.path.join(os.path.dirname(ROOT), "shared")))
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or [os.path.join(ROOT, "README.md")] + sorted(
        os.path.join(ROOT, "docs", f) for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    started = time.time()
    drifted = []
    skipped = []
    counts = [0, 0]
    for path in files:
        path = os.path.abspath(path)
        blocks, lines = parse(path)
        if args.list:
            for b in blocks:
                print("%-40s %s%s" % (b.where(), ("skip (%s): " % b.skip) if b.skip else "",
                                       " | ".join(c.text.split("\n")[0] for c in b.commands)))
            continue
        if not any(not b.skip for b in blocks):
            skipped += [b for b in blocks]
            continue
        work = workspace(args.shared)
        edits = []
        try:
            for b in blocks:
                if b.skip:
                    skipped.append(b)
                    continue
                counts[0] += 1
                diffs = []
                for c in b.commands:
                    counts[1] += 1
                    t0 = time.time()
                    code, out = run(c, work)
                    exp = mask(c.expected)
                    act = mask(out)
                    ok = code == c.exit and matches(exp, act)
                    print("%s %-6s %5.1f s  $ %s" % (b.where(), "ok" if ok else "DRIFT", time.time() - t0,
                                                    c.text.split("\n")[0][:100]), flush=True)
                    if not ok:
                        d = list(difflib.unified_diff(exp, act, "page", "now", lineterm="", n=2))
                        if code != c.exit:
                            d.append("exit code %d, the page says %d" % (code, c.exit))
                        diffs.append((c, d))
                        new = keep_unchanged(c.expected, refreshed(c.expected, [l.rstrip() for l in out]))
                        if code != 0:
                            new = new + ["# exit code %d" % code]
                        edits.append((c, new))
                if diffs:
                    drifted.append((b, diffs))
        finally:
            if args.keep:
                print("kept %s" % work)
            else:
                shutil.rmtree(work, ignore_errors=True)
        if args.update and edits:
            for c, new in sorted(edits, key=lambda e: -e[0].line):
                first = c.line + c.text.count("\n") + 1
                lines[first:c.end] = new
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            print("updated %d command(s) in %s" % (len(edits), os.path.relpath(path, ROOT)))
    if args.list:
        return 0
    for b in skipped:
        print("skipped %s (%s)" % (b.where(), b.skip or "no command could run"))
    for b, diffs in drifted:
        print("\n== drifted: %s" % b.where())
        for c, d in diffs:
            print("$ " + c.text)
            print("\n".join(d))
    print("\n%d example block(s), %d command(s), %d drifted, %d skipped, %.0f s"
          % (counts[0], counts[1], len(drifted), len(skipped), time.time() - started))
    if drifted and args.update:
        print("(updated in place: review the diff and commit it)")
    return 1 if drifted and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
