# Small statistics for the benchmark scripts (tools/bench and
# in_guest.sh); sourced. Numbers arrive one per line on stdin.

median() {
  sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

# "median min max" of the numbers.
median_and_range() {
  sort -n | awk '{a[NR] = $1} END {printf "%.3f %.3f %.3f\n", a[int((NR + 1) / 2)], a[1], a[NR]}'
}

# "median p25 p75" of the numbers.
median_and_middle_half() {
  sort -n | awk '{a[NR] = $1} END {printf "%.1f %.1f %.1f", a[int((NR + 1) / 2)], a[int(NR / 4) + 1], a[int(3 * NR / 4)]}'
}
