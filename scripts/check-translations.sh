#!/bin/sh
# Fails unless every translation catalogue compiles without fuzzy or untranslated entries (make check).
# msgfmt --statistics ends with "N translated messages, M fuzzy translations, K untranslated messages.",
# naming fuzzy and untranslated entries only when there are any. Catalogues: the arguments, by default
# every one but English, the source language (`make messages` makes an English one left empty).
if [ "$#" -eq 0 ]; then
  for po in src/netwerkregie/locale/*/LC_MESSAGES/django.po; do
    case "$po" in */locale/en/*) ;; *) set -- "$@" "$po" ;; esac
  done
fi
status=0
for po in "$@"; do
  if ! report=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    printf '%s does not compile:\n%s\n' "$po" "$report" >&2
    status=1
    continue
  fi
  statistics=$(printf '%s\n' "$report" | tail -n 1)
  case "$statistics" in
    *fuzzy*|*untranslated*)
      printf '%s: %s Translate them and remove the fuzzy flags.\n' "$po" "$statistics" >&2
      status=1 ;;
  esac
done
exit $status
