#!/usr/bin/env python3
"""The rules of type_names.py, on small trees of its own: which spellings
are definitions at namespace scope, and which names are one name."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import type_names  # noqa: E402

failures = []


def check(what, files, expected):
    """`files`: {path: text}; `expected`: the qualified names reported."""
    with tempfile.TemporaryDirectory() as root:
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as f:
                f.write(text)
        found = sorted(type_names.qualified(ns, name)
                       for ns, name in type_names.duplicates(root, ["base", "core"]))
    if found != sorted(expected):
        failures.append("%s: reported %s, expected %s" % (what, found, sorted(expected)))


ENUM = "namespace smc {\nenum class Mechanism { kAuto, kPreload };\n}\n"

check("one enum in two headers of one namespace",
      {"base/a.h": ENUM, "core/b.h": ENUM}, ["smc::Mechanism"])
check("a struct and a class of one name",
      {"base/a.h": "namespace smc { struct Plan { int a; }; }",
       "core/b.cc": "namespace smc {\nclass Plan {\n public:\n  int b;\n};\n}"},
      ["smc::Plan"])
check("nested namespaces spelled two ways",
      {"base/a.h": "namespace smc::testing { struct Args {}; }",
       "core/b.h": "namespace smc { namespace testing { struct Args final : Base {}; } }"},
      ["smc::testing::Args"])
check("the global namespace, with attributes and a base clause",
      {"base/a.h": "struct [[nodiscard]] Row { int x; };",
       "core/b.cc": "struct alignas(8) Row : public Base, private Other<int> { };"},
      ["::Row"])
check("an enum with an underlying type, twice in one file",
      {"base/a.h": "namespace smc { enum Kind : unsigned char { kA }; }\n"
                   "namespace smc { enum Kind : unsigned char { kB }; }\n"},
      ["smc::Kind"])
check("different namespaces are different names",
      {"base/a.h": "namespace smc { struct Row {}; }",
       "core/b.h": "namespace smc::testing { struct Row {}; }",
       "core/c.h": "struct Row {};"},
      [])
check("anonymous namespaces belong to their file",
      {"base/a.cc": "namespace smc { namespace { struct Row {}; } }",
       "core/b.cc": "namespace smc { namespace {\nstruct Row { int k; };\n} }"},
      [])
check("but twice in one file's anonymous namespace is twice",
      {"base/a.cc": "namespace { struct Row {}; }\nnamespace { struct Row {}; }\n"},
      ["Row in the anonymous namespace of base/a.cc"])
check("forward declarations, friends and opaque enums are no definitions",
      {"base/a.h": "namespace smc { struct Rule; class Listener; enum class E : int;"
                   " class Holder { friend class Listener; }; }",
       "core/b.h": "namespace smc { struct Rule { int a; }; class Listener {};"
                   " enum class E : int { kA }; }"},
      [])
check("nested types and types in functions do not count",
      {"base/a.h": "namespace smc { class A { struct Call { int fd; }; enum class K { kA }; }; "
                   "inline void f() { struct Call { int x; }; } }",
       "core/b.h": "namespace smc { struct Call { int y; }; enum class K { kB }; }",
       "core/c.cc": "namespace smc { struct A::Call { int z; }; }"},
      [])
check("specialisations of templates do not count",
      {"base/a.h": "namespace std { template <> struct hash<smc::Rule> { int h; }; }",
       "core/b.h": "namespace std { template <> struct hash<smc::Rule> { int h; };\n"
                   "template <class T> struct hash<T*> { }; }"},
      [])
check("primary templates do count",
      {"base/a.h": "namespace smc { template <typename T> class Result { T v; }; }",
       "core/b.h": "namespace smc { template <class T, class U = int> class Result {}; }"},
      ["smc::Result"])
check("variables of an elaborated type and template parameters are no types",
      {"base/a.cc": "namespace smc { struct stat st {}; struct sigaction act{};"
                    " template <class stat> void f(); }",
       "core/b.cc": "namespace smc { struct stat other; struct sigaction* p = nullptr; }"},
      [])
check("comments, strings, raw strings and the preprocessor are not code",
      {"base/a.h": "// struct Row { };\n/* enum class Row {\n}; */\n"
                   "const char* s = \"struct Row {}\";\n"
                   "const char* r = R\"x(struct Row { } )\" )x\";\n"
                   "#define ROW struct Row { }\n"
                   "struct Row { char c = '{'; };\n",
       "core/b.h": "struct Other {};"},
      [])
check("extern \"C\" blocks are seen through",
      {"base/a.h": "extern \"C\" { struct Hooked { int a; }; }",
       "core/b.h": "struct Hooked { int b; };"},
      ["::Hooked"])

if failures:
    for failure in failures:
        print("FAIL " + failure)
    sys.exit(1)
print("all type name rules hold")
