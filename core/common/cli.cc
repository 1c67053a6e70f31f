#include "core/common/cli.h"

// <iostream> puts a static std::ios_base::Init in each unit that includes
// it (libstdc++ 12), and CLI11 makes this the only such unit. That object
// built the eight standard streams at every start of the static file, also
// for a launch that never parses with CLI11 (PROGRAM first:
// core/launch/command_line.cc): about 0.7 ms of a launch in the TCG guest.
// The header's guard is defined so that CLI11's #include <iostream> adds
// nothing; the streams CLI11 names are declared as the header declares
// them, and are made by the first CommandLine (ensure_streams), before any
// CLI11 code can run. (CLI11's global validators still build a
// stringstream, and with it the locale, at every start.)
#define _GLIBCXX_IOSTREAM 1
#include <istream>
#include <ostream>
namespace std {
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
}  // namespace std

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <utility>

#include "core/common/quote.h"

namespace smc {
namespace {

// CLI11 names options by their long form ("--rcvbuf: 1 required TEXT
// missing"); say it in getopt's terms instead.
std::string describe_parse_error(const CLI::ParseError& e) {
  const std::string what = e.what();
  const std::size_t colon = what.find(':');
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr &&
      colon != std::string::npos) {
    return fmt::format("option {} requires a value", what.substr(0, colon));
  }
  return what;
}

void ensure_streams() { static const std::ios_base::Init streams; }

}  // namespace

struct CommandLine::Parser {
  CLI::App app;
  // Options whose presence a caller asked about, and where to say it.
  std::vector<std::pair<const CLI::Option*, bool*>> given;
};

CommandLine::CommandLine(Shape shape) : shape_(shape), parser_((ensure_streams(), std::make_unique<Parser>())) {
  parser_->app.set_help_flag();
  if (shape == Shape::kOptionsThenProgram) {
    parser_->app.prefix_command();
  } else {
    parser_->app.allow_extras();
  }
}

CommandLine::~CommandLine() = default;

void CommandLine::flag(const std::string& names, bool* on) {
  parser_->app.add_flag(names, *on);
}

void CommandLine::final_flag(const std::string& names, bool* on) {
  flag(names, on);
  final_flags_.push_back(on);
}

void CommandLine::value(const std::string& names, std::string* value, bool* given) {
  const CLI::Option* option = parser_->app.add_option(names, *value)->multi_option_policy(
      CLI::MultiOptionPolicy::TakeLast);
  parser_->given.emplace_back(option, given);
}

void CommandLine::optional_value(const std::string& names, std::string* value,
                                 bool* given) {
  const CLI::Option* option = parser_->app.add_option(names, *value)
                                  ->expected(0, 1)
                                  ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  parser_->given.emplace_back(option, given);
}

void CommandLine::list(const std::string& names, std::vector<std::string>* values) {
  // One value per occurrence: never PROGRAM.
  parser_->app.add_option(names, *values)->allow_extra_args(false);
}

Result<Ok> CommandLine::parse(std::span<const std::string> args) {
  // CLI11 consumes its argument vector from the back.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    parser_->app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return usage_error(describe_parse_error(e));
  }
  for (const auto& [option, given] : parser_->given) *given = option->count() > 0;
  if (shape_ == Shape::kOptionsThenProgram) return Ok{};
  for (const bool* on : final_flags_) {
    if (*on) return Ok{};
  }
  const std::vector<std::string> rest = parser_->app.remaining();
  if (rest.empty()) return Ok{};
  return usage_error(fmt::format(
      "{} {}", looks_like_option(rest.front()) ? "invalid option" : "unexpected argument",
      quote_value(rest.front())));
}

Result<std::vector<std::string>> CommandLine::program() const {
  std::vector<std::string> rest = parser_->app.remaining();
  // With prefix_command(), CLI11 hands over everything from the first word
  // it does not know, so an unknown option ends up here.
  if (!rest.empty() && rest.front() == "--") {
    rest.erase(rest.begin());
  } else if (!rest.empty() && looks_like_option(rest.front())) {
    return usage_error(fmt::format("invalid option {}", quote_value(rest.front())));
  }
  return rest;
}

bool looks_like_option(const std::string& word) {
  return word.size() > 1 && word.front() == '-';
}

}  // namespace smc
