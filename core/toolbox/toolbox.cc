#include "core/toolbox/toolbox.h"

#include <fcntl.h>
#include <net/if.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "core/kernel/link_groups.h"
#include "core/kernel/smc_genl.h"
#include "core/kernel/smc_stats.h"
#include "core/toolbox/device_format.h"
#include "core/toolbox/info_format.h"
#include "core/toolbox/link_group_format.h"
#include "core/toolbox/prometheus.h"
#include "core/toolbox/stats_format.h"
#include "core/toolbox/stats_snapshot.h"
#include "core/toolbox/ueid_command.h"

namespace smc {
namespace {

bool json(const ToolboxCommand& c) { return c.output == ToolboxOutput::kJson; }

// Every net device's name by its index, for the Net-Dev columns.
NetdevNames netdev_names() {
  NetdevNames names;
  if (struct if_nameindex* list = if_nameindex()) {
    for (const struct if_nameindex* i = list; i->if_index != 0; ++i) {
      names[i->if_index] = i->if_name;
    }
    if_freenameindex(list);
  }
  return names;
}

Result<std::string> info(const ToolboxCommand& c) {
  const Result<SmcSystemInfo> system = smc_system_info();
  if (!system) return system.error();
  const Result<std::vector<SmcdDevice>> smcd = list_smcd_devices();
  if (!smcd) return smcd.error();
  const Result<std::vector<SmcrDevice>> smcr = list_smcr_devices();
  if (!smcr) return smcr.error();
  const InfoFacts facts{*system, *smcd, *smcr};
  return json(c) ? info_json(facts) : info_text(facts);
}

Result<std::string> devices(SmcTech m, const ToolboxCommand& c) {
  if (m == SmcTech::kSmcr) {
    const Result<std::vector<SmcrDevice>> list = list_smcr_devices();
    if (!list) return list.error();
    const DeviceFilter filter{c.ib_device, c.net_device};
    return json(c) ? smcr_devices_json(*list, netdev_names(), filter)
                   : smcr_devices_text(*list, netdev_names(), filter, c.details);
  }
  const Result<std::vector<SmcdDevice>> list = list_smcd_devices();
  if (!list) return list.error();
  const Result<SmcSystemInfo> system = smc_system_info();
  if (!system) return system.error();
  const bool loopback = has_loopback_ism(*system, *list);
  return json(c) ? smcd_devices_json(*list, loopback) : smcd_devices_text(*list, loopback);
}

Result<std::string> link_groups(SmcTech m, const ToolboxCommand& c) {
  const LinkGroupFilter filter{c.link_group, c.ib_device, c.net_device};
  if (m == SmcTech::kSmcr) {
    const Result<std::vector<SmcrLinkGroup>> groups = list_smcr_link_groups();
    if (!groups) return groups.error();
    return json(c) ? smcr_link_groups_json(*groups, netdev_names(), filter)
                   : smcr_link_groups_text(*groups, netdev_names(), filter,
                                           c.verb == "link-show", c.details);
  }
  const Result<std::vector<SmcdLinkGroup>> groups = list_smcd_link_groups();
  if (!groups) return groups.error();
  return json(c) ? smcd_link_groups_json(*groups, filter)
                 : smcd_link_groups_text(*groups, filter, c.details);
}

Result<std::string> seid(const ToolboxCommand& c) {
  int error = 0;
  if (c.verb == "show") {
    const Result<SmcSeid> s = smc_seid(&error);
    if (!s) return s.error();
    // smc-tools' shape: "SEID [enabled]", or "n/a" without an SMC-Dv2 device.
    if (!s->seid) return std::string("n/a\n");
    return fmt::format("{} [{}]\n", s->seid->empty() ? "(blank)" : *s->seid,
                       s->enabled ? "enabled" : "disabled");
  }
  const bool enable = c.verb == "enable";
  const Result<Ok> r = set_seid_enabled(enable, &error);
  if (r) return std::string();
  if (error == EOPNOTSUPP) {
    return system_error(fmt::format(
        "cannot {} the SEID: this kernel has no system EID to {} (only s390 has one; use "
        "UEIDs: smcd ueid add ID)",
        c.verb, c.verb));
  }
  if (!enable && error == ENOENT) {
    return system_error("cannot disable the SEID: no UEID is set (add one first: smcd ueid add ID)");
  }
  return r.error();
}

// The file's text, "" when there is none; an error for a file that is not
// a regular file of this user (someone else's in /tmp).
Result<std::string> read_snapshot_file(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return std::string();
  if (fd < 0) return system_error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  struct stat st{};
  std::string text;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid()) {
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
    close(fd);
    return text;
  }
  close(fd);
  return system_error(fmt::format("refusing {}: it is not a regular file of this user", path));
}

// Replaces the snapshot by way of a new file, so that a reader never sees
// half of one and a link put in its place is replaced, not followed.
Result<Ok> write_snapshot_file(const std::string& path, const std::string& text) {
  const std::string temporary = fmt::format("{}.{}", path, getpid());
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return system_error(fmt::format("cannot write {}: {}", temporary, std::strerror(errno)));
  const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const int error = errno;
  close(fd);
  if (!written || rename(temporary.c_str(), path.c_str()) != 0) {
    const int e = written ? errno : error;
    unlink(temporary.c_str());
    return system_error(fmt::format("cannot write {}: {}", path, std::strerror(e)));
  }
  return Ok{};
}

Result<std::string> stats(SmcTech m, const ToolboxCommand& c) {
  const Result<SmcStats> now = read_smc_stats();
  if (!now) return now.error();
  if (c.output == ToolboxOutput::kPrometheus) return prometheus_text(*now);
  const std::string path = stats_snapshot_path(m);
  StatsReport report{m, *now, false};
  if (!c.absolute) {
    const Result<std::string> text = read_snapshot_file(path);
    if (!text) return text.error();
    if (const auto base = parse_snapshot(*text)) {
      // A snapshot above the counters is from before the module was loaded
      // again: it no longer applies (smc-tools drops it too).
      if (const auto since = stats_since(*now, *base)) report = StatsReport{m, *since, true};
    } else if (!text->empty() && c.verb != "reset") {
      return system_error(fmt::format(
          "{} holds no stats snapshot of smc_run's (remove it, or start again with: {} stats "
          "reset)",
          path, m == SmcTech::kSmcd ? "smcd" : "smcr"));
    }
  }
  std::string out = json(c) ? stats_json(report)
                    : c.verb == "json" ? smc_tools_stats_json(report)
                                       : stats_text(report, c.details);
  if (c.verb == "reset") {
    const Result<Ok> saved = write_snapshot_file(path, snapshot_text(*now));
    if (!saved) return saved.error();
  }
  return out;
}

}  // namespace

std::string stats_snapshot_path(SmcTech m) {
  return fmt::format("/tmp/.smc_run-stats.{}.u{}", m == SmcTech::kSmcd ? "smcd" : "smcr",
                     getuid());
}

Result<std::string> run_toolbox(SmcTech m, const ToolboxCommand& c) {
  switch (c.object) {
    case ToolboxObject::kInfo:
      return info(c);
    case ToolboxObject::kDevice:
      return devices(m, c);
    case ToolboxObject::kLinkGroup:
      return link_groups(m, c);
    case ToolboxObject::kStats:
      return stats(m, c);
    case ToolboxObject::kSeid:
      return seid(c);
    case ToolboxObject::kUeid:
      return ueid_command(c.ueid_args);
  }
  return usage_error("unknown object");
}

}  // namespace smc
