"""Turn the table's documentation markup (see api/__init__.py) into
man(7)."""

import re

INLINE = [
    (re.compile(r"`([^`]+)`"), r"\\fB\1\\fR"),
    (re.compile(r"(?<![\w*])\*([A-Za-z_][\w.]*)\*(?![\w*])"), r"\\fI\1\\fR"),
    (re.compile(r"\b([a-z_][a-z0-9_.+-]*)\((\d)\)"), r"\\fB\1\\fR(\2)"),
]


def escape(text):
    """Make plain text safe for roff: backslashes, and a line starting with
    a control character."""
    text = text.replace("\\", "\\e")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def inline(text):
    text = escape(text)
    for pattern, repl in INLINE:
        text = pattern.sub(repl, text)
    return text


def literal(lines):
    body = [escape(line) for line in lines]
    return [".PP", ".RS 4", ".nf"] + body + [".fi", ".RE"]


def blocks(text):
    """Split into blocks at blank lines, keeping a literal block whole
    even when it contains blank lines."""
    out, current = [], []
    for line in text.strip("\n").split("\n"):
        if line.strip() == "":
            if current and current[-1].startswith("    "):
                current.append("")
                continue
            if current:
                out.append(current)
            current = []
        else:
            if current and current[-1] == "" and not line.startswith("    "):
                while current and current[-1] == "":
                    current.pop()
                out.append(current)
                current = []
            current.append(line)
    while current and current[-1] == "":
        current.pop()
    if current:
        out.append(current)
    return out


def bullets(lines):
    out = []
    for line in lines:
        if line.startswith("- "):
            out += [".IP \\(bu 2", inline(line[2:])]
        else:
            out.append(inline(line.strip()))
    return out


def render(text):
    """The man(7) lines for a documentation string."""
    out = []
    for block in blocks(text):
        if all(l.startswith("    ") or l == "" for l in block):
            out += literal([l[4:] for l in block])
        elif block[0].startswith("- "):
            out += bullets(block)
        else:
            out += [".PP"] + [inline(l.strip()) for l in block]
    return out


def code_block(code):
    """An example program, kept exactly as written."""
    lines = code.strip("\n").split("\n")
    return [".PP", ".nf"] + [escape(l) for l in lines] + [".fi"]
