# Small statistics for the benchmark scripts (tools/bench and
# in_guest.sh); sourced. Numbers arrive one per line on stdin.

median() {
  sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

# "median min max" of the numbers.
median_and_range() {
  sort -n | awk '{a[NR] = $1} END {printf "%.3f %.3f %.3f\n", a[int((NR + 1) / 2)], a[1], a[NR]}'
}

# launch_results PREFIX FILE: spawn_bench's lines in FILE (LABEL MEDIAN P25
# P75, microseconds) as result lines "PREFIX_LABEL_us MEDIAN" and
# "PREFIX_LABEL_iqr_us P75-P25", for the host's and the guest's launches.
launch_results() {
  local label median p25 p75
  while read -r label median p25 p75; do
    echo "${1}_${label}_us $median"
    echo "${1}_${label}_iqr_us $(awk -v a="$p25" -v b="$p75" 'BEGIN {printf "%.1f", b - a}')"
  done <"$2"
}

# "median p25 p75" of the numbers.
median_and_middle_half() {
  sort -n | awk '{a[NR] = $1} END {printf "%.1f %.1f %.1f", a[int((NR + 1) / 2)], a[int(NR / 4) + 1], a[int(3 * NR / 4)]}'
}

# ratios A B: per round (one number a line in files A and B), A's figure
# over B's; then "median min max".
ratios() {
  paste "$1" "$2" | awk '{print $1 / $2}' | median_and_range
}

# added A B: per round, what A's figure adds to B's; then "median min max".
added() {
  paste "$1" "$2" | awk '{print $1 - $2}' | median_and_range
}
