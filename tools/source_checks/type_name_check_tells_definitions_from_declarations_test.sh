#!/usr/bin/env bash
# type_names.py counts definitions at namespace scope only: not forward
# declarations, nested types, specialisations, elaborated variables or
# text in comments and strings; anonymous namespaces are per file.
set -uo pipefail
exec python3 "$(dirname "$0")/type_names_test.py"
