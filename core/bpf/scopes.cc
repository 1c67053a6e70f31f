#include "core/bpf/scopes.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "core/bpf/bpf_syscall.h"
#include "core/bpf/in_force.h"
#include "core/common/quote.h"

namespace smc::bpf {
namespace {

Error map_failure(std::string_view map, std::string_view what, int error) {
  return system_error(fmt::format("cannot {} the BPF map {}: {}", what, map, std::strerror(error)));
}

// Every (key, scope id) of a membership map.
template <typename Key>
Result<std::vector<std::pair<Key, std::uint32_t>>> members(int map, std::string_view name) {
  std::vector<std::pair<Key, std::uint32_t>> found;
  Key key{};
  Key next{};
  bool first = true;
  for (;;) {
    const Sys<bool> more = map_next_key(map, first ? nullptr : &key, &next);
    if (!more) return map_failure(name, "read", more.error);
    if (!*more.value) return found;
    std::uint32_t scope = 0;
    const Sys<bool> got = map_lookup(map, &next, &scope);
    if (!got) return map_failure(name, "read", got.error);
    if (*got.value) found.emplace_back(next, scope);
    key = next;
    first = false;
  }
}

// Deletes the entries of a membership map for which `drop(key, scope)`.
template <typename Key, typename Drop>
Result<Ok> drop_members(int map, std::string_view name, Drop drop) {
  Result<std::vector<std::pair<Key, std::uint32_t>>> all = members<Key>(map, name);
  if (!all) return all.error();
  for (const auto& [key, scope] : *all) {
    if (!drop(key, scope)) continue;
    if (const Sys<bool> d = map_delete(map, &key); !d) return map_failure(name, "change", d.error);
  }
  return Ok{};
}

Result<std::optional<smc_scope_record>> record_of(const PinnedState& state, std::uint32_t id) {
  smc_scope_record r{};
  const Sys<bool> got = map_lookup(state.map("scopes"), &id, &r);
  if (!got) return map_failure("scopes", "read", got.error);
  if (!*got.value) return std::optional<smc_scope_record>();
  return std::optional<smc_scope_record>(r);
}

// Every scope's id and record, in the map's order.
Result<std::vector<std::pair<std::uint32_t, smc_scope_record>>> all_records(
    const PinnedState& state) {
  std::vector<std::pair<std::uint32_t, smc_scope_record>> found;
  std::uint32_t id = 0;
  bool first = true;
  for (;;) {
    std::uint32_t next = 0;
    const Sys<bool> more = map_next_key(state.map("scopes"), first ? nullptr : &id, &next);
    if (!more) return map_failure("scopes", "read", more.error);
    if (!*more.value) return found;
    first = false;
    id = next;
    Result<std::optional<smc_scope_record>> r = record_of(state, id);
    if (!r) return r.error();
    if (*r) found.emplace_back(id, **r);
  }
}

// The scope id under `key` in a membership map, when its record is there.
template <typename Key>
Result<std::optional<std::uint32_t>> scope_under(const PinnedState& state, std::string_view map,
                                                 const Key& key) {
  std::uint32_t id = 0;
  const Sys<bool> got = map_lookup(state.map(map), &key, &id);
  if (!got) return map_failure(map, "read", got.error);
  if (!*got.value) return std::optional<std::uint32_t>();
  Result<std::optional<smc_scope_record>> r = record_of(state, id);
  if (!r) return r.error();
  return *r ? std::optional<std::uint32_t>(id) : std::nullopt;
}

Result<std::uint32_t> new_scope_id(PinnedState& state) {
  smc_kernel_facts facts{};
  const std::uint32_t zero = 0;
  const int map = state.map("kernel_facts");
  if (const Sys<bool> got = map_lookup(map, &zero, &facts); !got || !*got.value) {
    return map_failure("kernel_facts", "read", got.error);
  }
  const std::uint32_t id = facts.next_scope_id;
  if (id == 0) return system_error("no scope ids are left: smc_scope clear starts again");
  ++facts.next_scope_id;
  if (const Sys<bool> put = map_update(map, &zero, &facts, BPF_EXIST); !put) {
    return map_failure("kernel_facts", "change", put.error);
  }
  return id;
}

Result<std::uint32_t> write_record(PinnedState& state, smc_scope_record record) {
  Result<std::uint32_t> id = new_scope_id(state);
  if (!id) return id.error();
  if (const Sys<bool> put = map_update(state.map("scopes"), &*id, &record, BPF_NOEXIST); !put) {
    return put.error == E2BIG
               ? system_error("there are as many scopes as the map holds: smc_scope prune or del some")
               : map_failure("scopes", "change", put.error);
  }
  return id;
}

void copy_text(smc_scope_record& r, std::string_view text) {
  const std::size_t n = std::min(text.size(), sizeof(r.text) - 1);
  std::memcpy(r.text, text.data(), n);
}

Result<Ok> put_member(PinnedState& state, std::string_view map, const void* key,
                      std::uint32_t id) {
  if (const Sys<bool> put = map_update(state.map(map), key, &id, BPF_ANY); !put) {
    return put.error == E2BIG ? system_error(fmt::format("the BPF map {} is full", map))
                              : map_failure(map, "change", put.error);
  }
  return Ok{};
}

smc_cgroup_name cgroup_key(std::uint64_t parent_id, std::string_view name) {
  smc_cgroup_name key{};
  key.parent_id = parent_id;
  std::memcpy(key.name, name.data(), std::min(name.size(), sizeof(key.name) - 1));
  return key;
}

struct CgroupNow {
  ScopeState state;
  std::uint64_t id;  // the cgroup at the scope's path now, 0 when none there
};

// What is at a cgroup scope's path now (its matching comes from the maps).
CgroupNow cgroup_now(const smc_scope_record& r) {
  if (r.parent_id == 0) return {ScopeState::kActive, r.key};
  const std::string path(r.text);
  const std::string parent = parent_folder(path);
  struct stat up{};
  if (stat(parent.c_str(), &up) != 0 || up.st_ino != r.parent_id) return {ScopeState::kGone, 0};
  struct stat here{};
  struct statfs fs{};
  if (stat(path.c_str(), &here) != 0 || statfs(path.c_str(), &fs) != 0 ||
      fs.f_type != CGROUP2_SUPER_MAGIC) {
    return {ScopeState::kWaiting, 0};
  }
  return {ScopeState::kActive, here.st_ino};
}

// Whether the network namespace with this cookie is still held by a
// process or a file the scope named (or any under /run/netns, ip-netns(8)'s).
bool netns_alive(const smc_scope_record& r) {
  std::vector<std::string> files;
  if (r.text[0] != '\0') files.emplace_back(r.text);
  for (const char* folder : {"/run/netns", "/proc"}) {
    DIR* dir = opendir(folder);
    if (dir == nullptr) continue;
    while (const dirent* e = readdir(dir)) {
      const std::string name = e->d_name;
      if (name[0] == '.') continue;
      if (std::string_view(folder) == "/proc") {
        if (name[0] >= '0' && name[0] <= '9') files.push_back("/proc/" + name + "/ns/net");
      } else {
        files.push_back(std::string(folder) + "/" + name);
      }
    }
    closedir(dir);
  }
  for (const std::string& file : files) {
    struct stat st{};
    if (stat(file.c_str(), &st) != 0 || st.st_ino != r.inum) continue;
    const Fd ns(open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (ns.get() < 0) continue;
    // The inode number may be another namespace's by now; the cookie is not.
    const Result<std::uint64_t> cookie = netns_cookie(ns.get());
    if (!cookie || *cookie == r.key) return true;
  }
  return false;
}

}  // namespace

Result<Ok> tidy(PinnedState& state) {
  Result<std::vector<Scope>> all = list_scopes(state);
  if (!all) return all.error();
  std::vector<std::uint32_t> ids;
  for (const Scope& s : *all) ids.push_back(s.id);
  const auto orphan = [&](std::uint32_t id) {
    for (std::uint32_t i : ids) {
      if (i == id) return false;
    }
    return true;
  };
  if (Result<Ok> r = drop_members<std::uint32_t>(state.map("tree_tasks"), "tree_tasks",
                                                 [&](auto, std::uint32_t id) { return orphan(id); });
      !r) {
    return r.error();
  }
  if (Result<Ok> r = drop_members<smc_cgroup_name>(state.map("cgroup_names"), "cgroup_names",
                                                   [&](auto, std::uint32_t id) { return orphan(id); });
      !r) {
    return r.error();
  }
  if (Result<Ok> r = drop_members<std::uint64_t>(state.map("netns_cookies"), "netns_cookies",
                                                 [&](auto, std::uint32_t id) { return orphan(id); });
      !r) {
    return r.error();
  }
  for (const Scope& s : *all) {
    if (s.record.kind != SMC_SCOPE_CGROUP) continue;
    const CgroupNow now = cgroup_now(s.record);
    if (now.id != 0) {
      if (Result<Ok> r = put_member(state, "cgroup_ids", &now.id, s.id); !r) return r.error();
    }
  }
  return drop_members<std::uint64_t>(
      state.map("cgroup_ids"), "cgroup_ids", [&](std::uint64_t cgroup, std::uint32_t id) {
        if (orphan(id)) return true;
        for (const Scope& s : *all) {
          if (s.id == id) return s.record.kind != SMC_SCOPE_CGROUP || cgroup_now(s.record).id != cgroup;
        }
        return true;
      });
}

Result<Ok> publish_in_force(PinnedState& state) {
  Result<std::vector<std::pair<std::uint32_t, smc_scope_record>>> records = all_records(state);
  if (!records) return records.error();
  std::vector<smc_scope_record> kept;
  for (const auto& [id, record] : *records) kept.push_back(record);
  const smc_in_force now = in_force_of(kept);
  const std::uint32_t zero = 0;
  if (const Sys<bool> put = map_update(state.map("in_force"), &zero, &now, BPF_ANY); !put) {
    return map_failure("in_force", "change", put.error);
  }
  return Ok{};
}

std::string_view state_name(ScopeState state) {
  switch (state) {
    case ScopeState::kActive:
      return "active";
    case ScopeState::kWaiting:
      return "waiting";
    case ScopeState::kEnded:
      return "ended";
    case ScopeState::kGone:
      return "gone";
  }
  return "?";
}

std::string_view kind_name(std::uint32_t kind) {
  switch (kind) {
    case SMC_SCOPE_TREE:
      return "tree";
    case SMC_SCOPE_CGROUP:
      return "cgroup";
    case SMC_SCOPE_NETNS:
      return "netns";
  }
  return "?";
}

bool is_stale(ScopeState state) { return state == ScopeState::kEnded || state == ScopeState::kGone; }

Result<Added> add_tree(PinnedState& state, const ProcessTarget& process, bool launched) {
  const std::uint32_t tgid = static_cast<std::uint32_t>(process.pid);
  Result<std::optional<std::uint32_t>> in = scope_under(state, "tree_tasks", tgid);
  if (!in) return in.error();
  if (*in) return Added{**in, true};
  smc_scope_record r{};
  r.kind = SMC_SCOPE_TREE;
  r.pid = tgid;
  r.processes = 1;  // the process itself; process_fork counts the rest
  r.flags = launched ? SMC_SCOPE_LAUNCHED : 0;
  copy_text(r, process.command);
  Result<std::uint32_t> id = write_record(state, r);
  if (!id) return id.error();
  if (Result<Ok> m = put_member(state, "tree_tasks", &tgid, *id); !m) return m.error();
  // Exited before it was in the map, its exit was not seen and its pid
  // could go to someone else: a pidfd polls readable once the process has
  // exited (pidfd_open(2)).
  pollfd p{process.pidfd.get(), POLLIN, 0};
  if (p.fd >= 0 && poll(&p, 1, 0) != 0) {
    (void)map_delete(state.map("scopes"), &*id);
    (void)map_delete(state.map("tree_tasks"), &tgid);
    return usage_error(fmt::format("process {} ended", process.pid));
  }
  return Added{*id, false};
}

Result<Added> add_cgroup(PinnedState& state, const CgroupTarget& cgroup) {
  const smc_cgroup_name where = cgroup_key(cgroup.parent_id, cgroup.name);
  Result<std::optional<std::uint32_t>> in =
      cgroup.parent_id != 0 ? scope_under(state, "cgroup_names", where)
                            : scope_under(state, "cgroup_ids", cgroup.id);
  if (!in) return in.error();
  if (*in) return Added{**in, true};
  smc_scope_record r{};
  r.kind = SMC_SCOPE_CGROUP;
  r.key = cgroup.id;
  r.parent_id = cgroup.parent_id;
  r.level = cgroup.level;
  copy_text(r, cgroup.path);
  Result<std::uint32_t> id = write_record(state, r);
  if (!id) return id.error();
  // Its place first, then its id: a cgroup removed and made again in
  // between is caught by the kernel, or by tidy() next time.
  if (cgroup.parent_id != 0) {
    if (Result<Ok> m = put_member(state, "cgroup_names", &where, *id); !m) return m.error();
  }
  const std::uint64_t now = cgroup_now(r).id;
  if (now != 0) {
    if (Result<Ok> m = put_member(state, "cgroup_ids", &now, *id); !m) return m.error();
  }
  if (Result<Ok> p = publish_in_force(state); !p) return p.error();
  return Added{*id, false};
}

Result<Added> add_netns(PinnedState& state, const NetnsTarget& netns) {
  Result<std::optional<std::uint32_t>> in = scope_under(state, "netns_cookies", netns.cookie);
  if (!in) return in.error();
  if (*in) return Added{**in, true};
  smc_scope_record r{};
  r.kind = SMC_SCOPE_NETNS;
  r.pid = static_cast<std::uint32_t>(netns.pid);
  r.key = netns.cookie;
  r.inum = netns.inum;
  copy_text(r, netns.path);
  Result<std::uint32_t> id = write_record(state, r);
  if (!id) return id.error();
  if (Result<Ok> m = put_member(state, "netns_cookies", &netns.cookie, *id); !m) return m.error();
  if (Result<Ok> p = publish_in_force(state); !p) return p.error();
  return Added{*id, false};
}

Result<std::vector<Scope>> list_scopes(const PinnedState& state) {
  Result<std::vector<std::pair<std::uint32_t, std::uint32_t>>> trees =
      members<std::uint32_t>(state.map("tree_tasks"), "tree_tasks");
  if (!trees) return trees.error();
  Result<std::vector<std::pair<std::uint64_t, std::uint32_t>>> cgroups =
      members<std::uint64_t>(state.map("cgroup_ids"), "cgroup_ids");
  if (!cgroups) return cgroups.error();
  Result<std::vector<std::pair<std::uint32_t, smc_scope_record>>> records = all_records(state);
  if (!records) return records.error();
  std::vector<Scope> scopes;
  for (const auto& [id, record] : *records) {
    Scope s{id, record, ScopeState::kActive, 0, 0};
    switch (s.record.kind) {
      case SMC_SCOPE_TREE:
        for (const auto& [tgid, scope] : *trees) s.processes += scope == id ? 1 : 0;
        s.state = s.processes > 0 ? ScopeState::kActive : ScopeState::kEnded;
        break;
      case SMC_SCOPE_CGROUP: {
        const CgroupNow now = cgroup_now(s.record);
        s.state = now.state;
        for (const auto& [cgroup, scope] : *cgroups) {
          if (scope == id && cgroup == now.id) s.cgroup_id = cgroup;
        }
        // There but not (yet) in the map: not in force.
        if (s.state == ScopeState::kActive && s.cgroup_id == 0) s.state = ScopeState::kWaiting;
        break;
      }
      case SMC_SCOPE_NETNS:
        s.state = netns_alive(s.record) ? ScopeState::kActive : ScopeState::kGone;
        break;
    }
    scopes.push_back(s);
  }
  std::sort(scopes.begin(), scopes.end(), [](const Scope& a, const Scope& b) { return a.id < b.id; });
  return scopes;
}

Result<Scope> find_scope(const PinnedState& state, std::uint32_t kind, std::string_view value) {
  Result<std::vector<Scope>> all = list_scopes(state);
  if (!all) return all.error();
  std::optional<std::uint64_t> cookie;
  if (kind == SMC_SCOPE_NETNS) {
    // The namespace itself when it can be opened; else what was named.
    if (Result<NetnsTarget> t = resolve_netns(value); t) cookie = t->cookie;
  }
  const std::string path = lexically_absolute(value);
  for (const Scope& s : *all) {
    if (s.record.kind != kind) continue;
    const std::string pid = std::to_string(s.record.pid);
    const bool named =
        (kind == SMC_SCOPE_TREE && pid == value) ||
        (kind == SMC_SCOPE_CGROUP && s.record.text == path) ||
        (kind == SMC_SCOPE_NETNS && ((cookie && *cookie == s.record.key) ||
                                     (s.record.pid != 0 && pid == value) ||
                                     (s.record.text[0] != '\0' && s.record.text == path)));
    if (named) return s;
  }
  return usage_error(fmt::format("there is no {} scope for {}", kind_name(kind), quote_value(value)));
}

Result<Ok> delete_scope(PinnedState& state, const Scope& scope) {
  // The record first: from here on nothing is converted for this scope.
  if (const Sys<bool> d = map_delete(state.map("scopes"), &scope.id); !d) {
    return map_failure("scopes", "change", d.error);
  }
  if (Result<Ok> r = tidy(state); !r) return r.error();
  return publish_in_force(state);
}

Result<std::vector<Scope>> prune_scopes(PinnedState& state) {
  if (Result<Ok> r = tidy(state); !r) return r.error();
  Result<std::vector<Scope>> all = list_scopes(state);
  if (!all) return all.error();
  std::vector<Scope> pruned;
  for (const Scope& s : *all) {
    if (!is_stale(s.state)) continue;
    if (const Sys<bool> d = map_delete(state.map("scopes"), &s.id); !d) {
      return map_failure("scopes", "change", d.error);
    }
    pruned.push_back(s);
  }
  if (Result<Ok> r = tidy(state); !r) return r.error();
  if (Result<Ok> r = publish_in_force(state); !r) return r.error();
  return pruned;
}

}  // namespace smc::bpf
