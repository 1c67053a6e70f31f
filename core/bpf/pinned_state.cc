#include "core/bpf/pinned_state.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "core/bpf/bpf_syscall.h"
#include "core/bpf/loader.h"
#include "core/common/quote.h"

namespace smc::bpf {
namespace {

std::string link_name(const ProgramSpec& program) { return std::string(program.name) + "_link"; }

std::string in(const std::string& folder, std::string_view name) {
  return folder + "/" + std::string(name);
}

Error failure(const std::string& what, const std::string& path, int error) {
  const std::string text =
      fmt::format("cannot {} {}: {}", what, quote_value(path), std::strerror(error));
  return error == EPERM || error == EACCES ? permission_error(text) : system_error(text);
}

// The folder, open and locked; -1 when it is not there and not to be made.
// A folder that clear_state() removed while this waited for the lock is
// made (or looked for) again.
Result<Fd> lock_folder(const std::string& folder, bool make) {
  for (;;) {
    if (make && mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
      return failure("make the folder", folder, errno);
    }
    Fd dir(open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0) {
      if (errno == ENOENT && !make) return Fd();
      return failure("open the folder", folder, errno);
    }
    if (flock(dir.get(), LOCK_EX) != 0) return failure("lock the folder", folder, errno);
    struct stat st{};
    if (fstat(dir.get(), &st) != 0) return failure("look at the folder", folder, errno);
    if (st.st_nlink > 0) return dir;
  }
}

// The names in the folder but "." and "..", read through `dir` (the
// folder, open) where there is one; nothing when it cannot be read.
std::optional<std::vector<std::string>> names_in(const std::string& folder, int dir) {
  DIR* d = nullptr;
  if (dir < 0) {
    d = opendir(folder.c_str());
  } else if (const int copy = dup(dir); copy >= 0) {
    d = fdopendir(copy);
    if (d == nullptr) {
      const int error = errno;
      close(copy);
      errno = error;
    }
  }
  if (d == nullptr) return std::nullopt;
  rewinddir(d);  // a dup shares the offset
  std::vector<std::string> names;
  while (const dirent* e = readdir(d)) {
    const std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  closedir(d);
  return names;
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
  for (const std::string& n : names) {
    if (n == name) return true;
  }
  return false;
}

// Every name in the folder, unpinned, in `first`'s order before the rest.
Result<std::vector<std::string>> unpin_all(const std::string& folder,
                                           const std::vector<std::string>& first) {
  const std::optional<std::vector<std::string>> all = names_in(folder, -1);
  if (!all) return failure("read the folder", folder, errno);
  std::vector<std::string> names = first;
  for (const std::string& name : *all) {
    if (!listed(first, name)) names.push_back(name);
  }
  std::vector<std::string> removed;
  for (const std::string& name : names) {
    if (unlink(in(folder, name).c_str()) == 0) {
      removed.push_back(name);
    } else if (errno != ENOENT) {
      return failure("remove", in(folder, name), errno);
    }
  }
  return removed;
}

// The links first, the program that converts sockets first of all, so
// that nothing is converted once the maps stop being kept.
std::vector<std::string> links_in_detach_order() {
  std::vector<std::string> names;
  for (const ProgramSpec& p : program_specs()) names.insert(names.begin(), link_name(p));
  return names;
}

// The maps pinned in `folder`, or nothing when any is missing.
std::optional<std::vector<Fd>> pinned_maps(const std::string& folder) {
  std::vector<Fd> maps;
  for (const MapSpec& m : map_specs()) {
    Sys<Fd> map = pinned(in(folder, m.name));
    if (!map) return std::nullopt;
    maps.push_back(std::move(*map.value));
  }
  return maps;
}

Result<Ok> check_layout(const std::vector<Fd>& maps, const std::string& folder) {
  smc_kernel_facts facts{};
  const std::uint32_t zero = 0;
  const Sys<bool> found = map_lookup(maps[*map_index("kernel_facts")].get(), &zero, &facts);
  if (!found || !*found.value || facts.layout != SMC_LAYOUT_VERSION) {
    return system_error(fmt::format(
        "the BPF state in {} was made by another version of smc_run; remove it with "
        "smc_scope clear",
        quote_value(folder)));
  }
  return Ok{};
}

Result<std::vector<Fd>> make_and_pin_maps(const std::string& folder, const KernelBtf& btf) {
  if (Result<std::vector<std::string>> r = unpin_all(folder, {}); !r) return r.error();
  Result<std::vector<Fd>> maps = make_maps();
  if (!maps) return maps.error();
  if (Result<Ok> r = write_kernel_facts((*maps)[*map_index("kernel_facts")].get(), btf); !r) {
    return r.error();
  }
  for (std::size_t i = 0; i < maps->size(); ++i) {
    const std::string path = in(folder, map_specs()[i].name);
    if (Sys<bool> p = pin((*maps)[i].get(), path); !p) return failure("pin", path, p.error);
  }
  return maps;
}

// Attaches each program whose link is not pinned, in order.
Result<Ok> attach_missing(const std::string& folder, const std::vector<Fd>& maps,
                          const KernelBtf& btf) {
  for (const ProgramSpec& p : program_specs()) {
    const std::string path = in(folder, link_name(p));
    if (pinned(path)) continue;
    Result<Fd> link = load_and_attach(p, maps, btf);
    if (!link) return link.error();
    if (Sys<bool> pinned_now = pin(link->get(), path); !pinned_now) {
      return failure("pin", path, pinned_now.error);
    }
  }
  return Ok{};
}

}  // namespace

PinnedState::PinnedState(std::string folder, Fd lock, std::vector<Fd> maps, bool attached)
    : folder_(std::move(folder)), lock_(std::move(lock)), maps_(std::move(maps)),
      attached_(attached) {
  maps_.resize(map_specs().size());
}

int PinnedState::map(std::string_view name) const {
  const Result<std::size_t> i = map_index(name);
  if (!i) return -1;
  Fd& fd = maps_[*i];
  if (fd.get() < 0 && !folder_.empty()) {
    if (Sys<Fd> opened = pinned(in(folder_, name)); opened) fd = std::move(*opened.value);
  }
  return fd.get();
}

Result<PinnedState> open_for_change(const KernelBtf& btf, const std::string& folder) {
  Result<Fd> lock = lock_folder(folder, true);
  if (!lock) return lock.error();
  std::optional<std::vector<Fd>> maps = pinned_maps(folder);
  const bool made = !maps;
  if (made) {
    Result<std::vector<Fd>> fresh = make_and_pin_maps(folder, btf);
    if (fresh) {
      maps = std::move(*fresh);
    } else {
      (void)unpin_all(folder, {});
      rmdir(folder.c_str());
      return fresh.error();
    }
  } else if (Result<Ok> r = check_layout(*maps, folder); !r) {
    return r.error();
  }
  if (Result<Ok> r = attach_missing(folder, *maps, btf); !r) {
    // A state someone else made keeps its scopes; one made just now goes.
    if (made) {
      (void)unpin_all(folder, links_in_detach_order());
      rmdir(folder.c_str());
    }
    return r.error();
  }
  return PinnedState(folder, std::move(*lock), std::move(*maps), true);
}

Result<std::optional<PinnedState>> open_existing(bool lock, const std::string& folder) {
  Fd held;
  if (lock) {
    Result<Fd> locked = lock_folder(folder, false);
    if (!locked) return locked.error();
    if (locked->get() < 0) return std::optional<PinnedState>();
    held = std::move(*locked);
  } else if (access(folder.c_str(), F_OK) != 0) {
    if (errno == ENOENT) return std::optional<PinnedState>();
    return failure("look at", folder, errno);
  }
  // Every launch comes here: one read of the folder says what is pinned,
  // and of the maps only kernel_facts is opened now, for its layout; the
  // rest are opened by PinnedState::map() when used (a launch uses three
  // of the seven). Each open is a path walk in bpffs and a descriptor.
  const std::optional<std::vector<std::string>> names = names_in(folder, held.get());
  if (!names) return failure("read the folder", folder, errno);
  for (const MapSpec& m : map_specs()) {
    if (!listed(*names, m.name)) {
      return system_error(fmt::format(
          "the BPF state in {} is incomplete (maps missing); remove it with smc_scope clear",
          quote_value(folder)));
    }
  }
  bool attached = true;
  for (const ProgramSpec& p : program_specs()) attached = attached && listed(*names, link_name(p));
  std::vector<Fd> maps(map_specs().size());
  const std::size_t facts = *map_index("kernel_facts");
  Sys<Fd> facts_map = pinned(in(folder, "kernel_facts"));
  if (!facts_map) return failure("open", in(folder, "kernel_facts"), facts_map.error);
  maps[facts] = std::move(*facts_map.value);
  if (Result<Ok> r = check_layout(maps, folder); !r) return r.error();
  return std::optional<PinnedState>(
      PinnedState(folder, std::move(held), std::move(maps), attached));
}

Result<std::vector<std::string>> clear_state(const std::string& folder) {
  Result<Fd> lock = lock_folder(folder, false);
  if (!lock) return lock.error();
  if (lock->get() < 0) return std::vector<std::string>();
  // No scope, no conversion: at once, whatever the kernel does with the
  // links below and when.
  if (Sys<Fd> scopes = pinned(in(folder, "scopes")); scopes) {
    std::uint32_t key = 0;
    while (map_next_key(scopes.value->get(), nullptr, &key).value.value_or(false)) {
      if (!map_delete(scopes.value->get(), &key)) break;
    }
  }
  std::vector<std::uint32_t> link_ids;
  for (const std::string& name : links_in_detach_order()) {
    if (Sys<Fd> link = pinned(in(folder, name)); link) {
      if (Sys<std::uint32_t> id = link_id(link.value->get()); id) link_ids.push_back(*id.value);
    }
  }
  Result<std::vector<std::string>> removed = unpin_all(folder, links_in_detach_order());
  if (!removed) return removed.error();
  if (rmdir(folder.c_str()) != 0) return failure("remove the folder", folder, errno);
  removed->push_back(folder);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  for (std::uint32_t id : link_ids) {
    while (link_exists(id).value.value_or(false) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return removed;
}

}  // namespace smc::bpf
