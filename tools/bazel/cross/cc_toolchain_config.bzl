"""The C++ toolchain configuration for Debian's cross gcc (tools/bazel/cross).

One rule for every target: `triplet` names the compiler package
(gcc-12-TRIPLET, with its own libc and libstdc++ under /usr/TRIPLET), and
the flags are those of Bazel's auto-configured host toolchain, so that each
architecture's file is built as the x86_64 one is. Everything not declared
here (include paths, defines, -fPIC, archives, user flags...) comes from
Bazel's legacy features, as for the host toolchain.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
    "with_feature_set",
)

_COMPILE = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.cpp_module_codegen,
]

_LINK = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

def _flags(actions, flags, when = None):
    return flag_set(
        actions = actions,
        flag_groups = [flag_group(flags = flags)],
        with_features = [with_feature_set(features = [when])] if when else [],
    )

def _impl(ctx):
    triplet = ctx.attr.triplet
    version = ctx.attr.gcc_version
    prefix = "/usr/bin/" + triplet + "-"
    tools = {
        "gcc": prefix + "gcc-" + version,
        "cpp": prefix + "cpp-" + version,
        "ar": prefix + "ar",
        "ld": prefix + "ld",
        "nm": prefix + "nm",
        "objcopy": prefix + "objcopy",
        "objdump": prefix + "objdump",
        "strip": prefix + "strip",
        "dwp": prefix + "dwp",
        "gcov": prefix + "gcov-" + version,
        "llvm-cov": "/bin/false",
    }

    # What the cross gcc searches by itself (`TRIPLET-g++ -E -v`). Its last
    # default, the host's /usr/include, is left out on purpose: a header
    # found only there is an x86_64 header, and Bazel then refuses it as
    # undeclared instead of building it into another architecture's file.
    # (fmt, CLI11 and doctest reach the compiler through their repositories.)
    sysroot = "/usr/" + triplet
    include_dirs = [
        "/usr/lib/gcc-cross/%s/%s/include" % (triplet, version),
        sysroot + "/include",
        "%s/include/c++/%s" % (sysroot, version),
        "%s/include/c++/%s/%s" % (sysroot, version, triplet),
        "%s/include/c++/%s/backward" % (sysroot, version),
    ]

    # No supports_dynamic_linker: tests link their libraries in, not as
    # one .so each (Bazel's default for tests), so that every program made
    # here is one static file; linkshared libraries are still made.
    features = [
        feature(name = "supports_pic", enabled = True),
        feature(name = "supports_start_end_lib", enabled = True),
        feature(name = "dbg"),
        feature(name = "opt"),
        feature(name = "fastbuild"),
        feature(
            name = "default_compile_flags",
            enabled = True,
            flag_sets = [
                # As Bazel's host toolchain on Debian 12 has them.
                _flags(_COMPILE, [
                    "-U_FORTIFY_SOURCE",
                    "-fstack-protector",
                    "-Wall",
                    "-Wunused-but-set-parameter",
                    "-Wno-free-nonheap-object",
                    "-fno-omit-frame-pointer",
                ]),
                _flags(_COMPILE, ["-g"], "dbg"),
                _flags(_COMPILE, [
                    "-g0",
                    "-O2",
                    "-D_FORTIFY_SOURCE=1",
                    "-DNDEBUG",
                    "-ffunction-sections",
                    "-fdata-sections",
                ], "opt"),
            ],
        ),
        feature(
            name = "default_link_flags",
            enabled = True,
            flag_sets = [
                _flags(_LINK, [
                    "-fuse-ld=gold",
                    "-Wl,-no-as-needed",
                    "-Wl,-z,relro,-z,now",
                    "-pass-exit-codes",
                ]),
                _flags(_LINK, ["-Wl,--gc-sections"], "opt"),
            ],
        ),
        # The user's link flags, then the C++ runtime: the driver is gcc,
        # which adds no libstdc++ of its own, and a static link takes from
        # an archive only what the objects before it ask for.
        feature(
            name = "user_link_flags",
            enabled = True,
            flag_sets = [flag_set(
                actions = _LINK,
                flag_groups = [
                    flag_group(
                        flags = ["%{user_link_flags}"],
                        iterate_over = "user_link_flags",
                        expand_if_available = "user_link_flags",
                    ),
                    flag_group(flags = ["-lstdc++", "-lm"]),
                ],
            )],
        ),
        # Programs this toolchain makes are copied onto another machine (the
        # release files) or run here under qemu-user (the unit tests), where
        # no loader of their architecture is at hand: all are static. Shared
        # libraries (the preload library) stay shared.
        # --eh-frame-hdr, which gcc leaves out of static links: without it a
        # static program linked by gold for aarch64 or s390x finds no unwind
        # table when a C++ exception is thrown (CLI11 throws on bad options)
        # and aborts; with it, libgcc's unwinder finds the tables through
        # PT_GNU_EH_FRAME (dl_iterate_phdr works in static glibc too).
        feature(
            name = "static_executables",
            enabled = True,
            flag_sets = [_flags(
                [ACTION_NAMES.cpp_link_executable],
                ["-static", "-Wl,--eh-frame-hdr"],
            )],
        ),
        # No build time and no build machine's paths in the files: the
        # same sources give the same bytes wherever and whenever they are
        # built (tools/release).
        feature(
            name = "unfiltered_compile_flags",
            enabled = True,
            flag_sets = [_flags(_COMPILE, [
                "-fno-canonical-system-headers",
                "-Wno-builtin-macro-redefined",
                "-D__DATE__=\"redacted\"",
                "-D__TIMESTAMP__=\"redacted\"",
                "-D__TIME__=\"redacted\"",
            ])],
        ),
    ]

    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        features = features,
        cxx_builtin_include_directories = include_dirs,
        toolchain_identifier = triplet + "-gcc-" + version,
        host_system_name = "x86_64-linux-gnu",
        target_system_name = triplet,
        target_cpu = ctx.attr.cpu,
        target_libc = "glibc",
        compiler = "gcc",
        abi_version = "gcc-" + version,
        abi_libc_version = "glibc",
        tool_paths = [tool_path(name = k, path = v) for k, v in tools.items()],
    )

cross_gcc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        "cpu": attr.string(mandatory = True),
        "triplet": attr.string(mandatory = True),
        "gcc_version": attr.string(mandatory = True),
    },
    provides = [CcToolchainConfigInfo],
)
