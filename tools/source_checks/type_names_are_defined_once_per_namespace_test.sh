#!/usr/bin/env bash
# No enum, class or struct name is defined twice in one namespace across
# the C++ sources of base/, core/, hooks/, cmd/ and tools/ (type_names.py
# says what counts). Reads the checkout this script stands in.
set -uo pipefail
here="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
root="$(cd "$here/../.." && pwd -P)"
exec python3 "$here/type_names.py" "$root"
