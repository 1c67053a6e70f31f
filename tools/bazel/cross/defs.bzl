"""cross_files: files of other targets built for another architecture.

A host test that needs a small program of another architecture (the test
bed's refusal of a mismatched file, tools/testbed) gets it built with the
cross toolchain of tools/bazel/cross, as `--config=aarch64` or
`--config=s390x` would (.bazelrc), inside the one host invocation. A
transition's outputs live in folders of their own, so what the release
and the unit tests of that architecture build too (smc_run itself) is
better built under their config (the guest suites: tools/guest/BUILD.bazel).
Each file comes out as NAME/BASENAME: one folder per set, the files under
the names the checks use.
"""

def _to_cpu_impl(settings, attr):
    return {
        "//command_line_option:cpu": attr.cpu,
        "//command_line_option:crosstool_top": "//tools/bazel/cross:toolchains",
    }

_to_cpu = transition(
    implementation = _to_cpu_impl,
    inputs = [],
    outputs = [
        "//command_line_option:cpu",
        "//command_line_option:crosstool_top",
    ],
)

def _cross_files_impl(ctx):
    outs = []
    for dep in ctx.attr.srcs:
        for f in dep[DefaultInfo].files.to_list():
            out = ctx.actions.declare_file(ctx.label.name + "/" + f.basename)
            ctx.actions.symlink(output = out, target_file = f, is_executable = True)
            outs.append(out)
    return [DefaultInfo(files = depset(outs), runfiles = ctx.runfiles(files = outs))]

cross_files = rule(
    implementation = _cross_files_impl,
    attrs = {
        "cpu": attr.string(mandatory = True, values = ["aarch64", "s390x"]),
        "srcs": attr.label_list(cfg = _to_cpu, allow_files = True, mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    doc = "The files of srcs, built for cpu, as NAME/BASENAME.",
)
