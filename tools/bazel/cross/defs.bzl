"""cross_files: files of other targets built for another architecture.

The guest suites of the arm64 and s390x test beds are host tests (sh_test)
whose data are programs of the guest's architecture: smc_run and the probes
the checks run. A configuration transition builds those targets with the
cross toolchain of tools/bazel/cross, as `--config=aarch64` or
`--config=s390x` would (.bazelrc), inside the one host invocation, so that
`bazel test //tools/guest:arm64_guest_test` builds everything it needs.
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
