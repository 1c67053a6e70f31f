#!/usr/bin/env python3
"""Finds enum, class and struct names defined twice in one namespace.

Usage: type_names.py ROOT [FOLDER...]

Reads the C++ sources (*.h, *.cc) under ROOT's FOLDERs (default: base core
hooks cmd tools) and prints one line per name that two definitions give
the same namespace, with the places of each; exits 1 if there is any.

Two such types are one name for two concepts, and an ODR violation the day
one program links both. What counts is a definition (a body in braces) at
namespace scope: forward declarations (`struct Rule;`, `enum class E :
int;`, `friend class X;`), types nested in a class or a function,
explicit and partial specialisations of templates (`struct hash<X> {`),
variables of an elaborated type (`struct stat st {};`) and template
parameters (`template <class T>`) do not. A type in an anonymous namespace
belongs to its file alone; `extern "C" {` and `inline namespace` are seen
through as C++ sees them.
"""
import os
import re
import sys

FOLDERS = ["base", "core", "hooks", "cmd", "tools"]
SUFFIXES = (".h", ".cc")

TOKEN = re.compile(
    r"""(?P<raw>R"(?P<delim>[^()\\\s]{0,16})\()"""  # a raw string's start
    r"""|(?P<str>"(?:\\.|[^"\\\n])*")"""
    r"""|(?P<chr>'(?:\\.|[^'\\\n])+')"""
    r"""|(?P<line>//[^\n]*)"""
    r"""|(?P<block>/\*.*?\*/)"""
    r"""|(?P<pp>^[ \t]*\#(?:\\\n|[^\n])*)"""
    r"""|(?P<id>[A-Za-z_]\w*)"""
    r"""|(?P<num>\d[\w.']*)"""
    r"""|(?P<nl>\n)"""
    r"""|(?P<punct>::|\[\[|\]\]|[{}();:<>,=*&\[\]])"""
    r"""|(?P<other>\S)""",
    re.DOTALL | re.MULTILINE)


def tokens(text):
    """(kind, value, line) for the code of `text`: comments, literals and
    preprocessor lines dropped (a string literal stays as one `""`)."""
    line = 1
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if m is None:  # blanks
            pos += 1
            continue
        kind = m.lastgroup
        value = m.group(kind) if kind != "raw" else None
        if kind == "raw":
            end = text.find(")" + m.group("delim") + '"', m.end())
            end = len(text) if end < 0 else end + len(m.group("delim")) + 2
            line += text.count("\n", pos, end)
            pos = end
            yield ("str", '""', line)
            continue
        line_here = line
        line += m.group(0).count("\n")
        pos = m.end()
        if kind in ("line", "block", "pp", "nl"):
            continue
        if kind == "str":
            yield ("str", '""', line_here)
        elif kind in ("id", "num", "punct", "other", "chr"):
            yield (kind, value, line_here)


def skip_attributes(toks, i):
    """Past [[...]], alignas(...) and __attribute__((...)) at toks[i]."""
    while i < len(toks):
        value = toks[i][1]
        if value == "[[":
            while i < len(toks) and toks[i][1] != "]]":
                i += 1
            i += 1
        elif value in ("alignas", "__attribute__", "__declspec") and \
                i + 1 < len(toks) and toks[i + 1][1] == "(":
            depth = 0
            i += 1
            while i < len(toks):
                depth += {"(": 1, ")": -1}.get(toks[i][1], 0)
                i += 1
                if depth == 0:
                    break
        else:
            return i
    return i


def type_head(toks, i):
    """At a class/struct/union/enum keyword toks[i]: (kind, name, index of
    its `{`) when this starts a definition of a named type that is not a
    specialisation, else (None, None, index to go on from)."""
    kind = toks[i][1]
    i += 1
    if kind == "enum" and i < len(toks) and toks[i][1] in ("class", "struct"):
        kind = "enum " + toks[i][1]
        i += 1
    i = skip_attributes(toks, i)
    if i >= len(toks) or toks[i][0] != "id":
        return None, None, i  # anonymous, or not a type at all
    name = toks[i][1]
    i += 1
    while i + 1 < len(toks) and toks[i][1] == "::" and toks[i + 1][0] == "id":
        name += "::" + toks[i + 1][1]  # struct outer::Inner { : defined elsewhere's
        i += 2
    if i < len(toks) and toks[i][1] == "final":
        i += 1
    if i >= len(toks):
        return None, None, i
    nxt = toks[i][1]
    if nxt == "{":
        return kind, name, i
    if nxt == ":":
        # A base clause, or an enum's underlying type: a definition if a
        # `{` comes before anything that ends a declaration.
        j = i + 1
        while j < len(toks) and toks[j][1] not in ("{", ";", ")", "="):
            j += 1
        if j < len(toks) and toks[j][1] == "{":
            return kind, name, j
    # `;` forward declaration, `<` specialisation, an identifier or `*`:
    # a variable or function of that type, `>`/`,`/`=`: a template parameter.
    return None, None, i


def definitions(path, text):
    """(namespace, kind, name, line) for each namespace-scope definition."""
    toks = list(tokens(text))
    # One entry per open brace: ("ns", names) for a namespace or an
    # extern "C" block (names as seen from outside), ("type",) or ("other",).
    scopes = []

    def namespace():
        names = []
        for scope in scopes:
            if scope[0] != "ns":
                return None
            names.extend(scope[1])
        return "::".join(names)

    found = []
    pending = None  # what the next `{` opens, when known
    i = 0
    while i < len(toks):
        kind, value, line = toks[i]
        if value == "namespace":
            j = i + 1
            names = []
            while j < len(toks) and toks[j][0] == "id":
                names.append(toks[j][1])
                j += 1
                if j < len(toks) and toks[j][1] == "::":
                    j += 1
                    if j < len(toks) and toks[j][1] == "inline":
                        j += 1
            if j < len(toks) and toks[j][1] == "{":
                if not names:
                    names = ["(anonymous namespace of %s)" % path]
                scopes.append(("ns", names))
                i = j + 1
                continue
            i = j  # namespace alias or using namespace
            continue
        if value == "extern" and i + 2 < len(toks) and toks[i + 1][0] == "str" \
                and toks[i + 2][1] == "{":
            scopes.append(("ns", []))
            i += 3
            continue
        if value in ("class", "struct", "union", "enum"):
            where = namespace()
            type_kind, name, j = type_head(toks, i)
            previous = toks[i - 1][1] if i > 0 else ""
            if type_kind is not None:
                if where is not None and previous not in ("friend",) \
                        and "::" not in name and not specialised(toks, i):
                    found.append((where, type_kind, name, line))
                scopes.append(("type",))
                i = j + 1
                continue
            i = max(j, i + 1)
            continue
        if value == "{":
            scopes.append(("other",))
        elif value == "}":
            if scopes:
                scopes.pop()
        i += 1
    return found


def specialised(toks, i):
    """Whether the class head at toks[i] follows `template <>`: an explicit
    specialisation (a partial one has `<` after its name instead)."""
    return i >= 3 and toks[i - 3][1] == "template" and toks[i - 2][1] == "<" \
        and toks[i - 1][1] == ">"


def sources(root, folders):
    for folder in folders:
        for here, dirs, files in os.walk(os.path.join(root, folder)):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "bazel-")))
            for name in sorted(files):
                if name.endswith(SUFFIXES):
                    full = os.path.join(here, name)
                    yield os.path.relpath(full, root), full


def duplicates(root, folders=FOLDERS):
    """{(namespace, name): [(path, line, kind), ...]} for names defined twice."""
    places = {}
    for path, full in sources(root, folders):
        with open(full, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for where, kind, name, line in definitions(path, text):
            places.setdefault((where, name), []).append((path, line, kind))
    return {key: value for key, value in places.items() if len(value) > 1}


def qualified(namespace, name):
    if namespace.startswith("(anonymous"):
        return "%s in the %s" % (name, namespace[1:-1])
    return "%s::%s" % (namespace, name) if namespace else "::" + name


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[2])
        return 0 if len(argv) >= 2 else 2
    root = argv[1]
    folders = argv[2:] or FOLDERS
    found = duplicates(root, folders)
    for (namespace, name), places in sorted(found.items()):
        where = ", ".join("%s %s:%d" % (kind, path, line) for path, line, kind in places)
        print("%s is defined %d times: %s" % (qualified(namespace, name), len(places), where))
    if found:
        print("%d names defined more than once in one namespace" % len(found))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
