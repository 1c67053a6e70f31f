// Times whole commands from spawn to exit, for the launch-overhead figures
// of tools/bench. Variants run interleaved (A B C A B C ...) so that drift
// in the machine's speed hits all of them alike.
//
//   spawn_bench RUNS LABEL CMD [ARGS...] [-- LABEL CMD [ARGS...]]...
//
// Prints one line per variant: "LABEL median_us p25_us p75_us". The
// commands' output goes to /dev/null; a command that fails stops the run.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Variant {
  std::string label;
  std::vector<char*> argv;
  std::vector<double> micros;
};

double now_us() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

bool run_once(Variant& v, posix_spawn_file_actions_t* quiet, bool record) {
  const double start = now_us();
  pid_t pid = 0;
  if (posix_spawnp(&pid, v.argv[0], quiet, nullptr, v.argv.data(), environ) != 0) {
    std::fprintf(stderr, "spawn_bench: cannot start %s\n", v.argv[0]);
    return false;
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "spawn_bench: %s (%s) failed\n", v.label.c_str(),
                 v.argv[0]);
    return false;
  }
  if (record) v.micros.push_back(now_us() - start);
  return true;
}

double quantile(std::vector<double> xs, double q) {
  std::sort(xs.begin(), xs.end());
  return xs[static_cast<std::size_t>(q * (xs.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: spawn_bench RUNS LABEL CMD [ARGS...] [-- LABEL CMD...]...\n");
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  std::vector<Variant> variants(1);
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--") {
      variants.emplace_back();
      continue;
    }
    if (variants.back().label.empty()) {
      variants.back().label = argv[i];
    } else {
      variants.back().argv.push_back(argv[i]);
    }
  }
  for (Variant& v : variants) {
    if (v.argv.empty()) {
      std::fprintf(stderr, "spawn_bench: variant '%s' has no command\n",
                   v.label.c_str());
      return 2;
    }
    v.argv.push_back(nullptr);
  }

  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);

  const int warmup = std::max(3, runs / 20);
  for (int i = 0; i < warmup + runs; ++i) {
    for (Variant& v : variants) {
      if (!run_once(v, &quiet, i >= warmup)) return 1;
    }
  }
  for (const Variant& v : variants) {
    std::printf("%s %.1f %.1f %.1f\n", v.label.c_str(), quantile(v.micros, 0.5),
                quantile(v.micros, 0.25), quantile(v.micros, 0.75));
  }
  return 0;
}
