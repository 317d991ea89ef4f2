#!/usr/bin/env bash
# Checks that every C source and header is formatted by clang-format with the
# repository's .clang-format (nothing is changed). Run by CTest (format_check).
# To reformat: clang-format -i $(scripts/format-check.sh --list)
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(find include src tests bench fuzz examples -name '*.[ch]' \
          -not -path 'fuzz/corpus/*' -not -path 'fuzz/regressions/*' | sort)
if [ "${1:-}" = --list ]; then echo "$files"; exit 0; fi
CF=${CLANG_FORMAT:-clang-format}
# shellcheck disable=SC2086
if ! out=$($CF --dry-run --Werror $files 2>&1); then
  echo "$out" | grep -E '^[^ ].*: (error|warning):' | cut -d: -f1 | sort -u | sed 's/^/not formatted: /'
  echo "format: 0 passed, 1 failed"
  exit 1
fi
echo "format: $(echo "$files" | wc -l) files formatted"
