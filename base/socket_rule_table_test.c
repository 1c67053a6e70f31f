/* The socket rule table as C code sees it: this file is built as C99 with
 * -pedantic-errors, as a test of the BPF mechanism in C will include it,
 * and the table must be one answer per call: a call listed twice with two
 * answers would let two implementations that disagree both pass. */
#include "base/socket_rule_table.h"

#include <stdio.h>

static int same_call(const struct smc_socket_rule_row* a, const struct smc_socket_rule_row* b) {
  return a->domain == b->domain && a->type == b->type && a->protocol == b->protocol;
}

int main(void) {
  unsigned long i, j;
  int failed = 0;
  for (i = 0; i < SMC_SOCKET_RULE_ROW_COUNT; ++i) {
    const struct smc_socket_rule_row* row = &smc_socket_rule_rows[i];
    if (row->converted != 0 && row->converted != 1) {
      printf("row %lu: converted is %d, not 0 or 1\n", i, row->converted);
      failed = 1;
    }
    for (j = i + 1; j < SMC_SOCKET_RULE_ROW_COUNT; ++j) {
      if (same_call(row, &smc_socket_rule_rows[j])) {
        printf("rows %lu and %lu are the same call (%d, %#x, %d)\n", i, j, row->domain,
               (unsigned)row->type, row->protocol);
        failed = 1;
      }
    }
  }
  printf("%lu rows, %s\n", (unsigned long)SMC_SOCKET_RULE_ROW_COUNT,
         failed ? "FAILED" : "each call once");
  return failed;
}
