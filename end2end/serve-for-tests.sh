#!/usr/bin/env bash
# A fresh Mitwirken for the browser tests (started by playwright.config.ts): a new data
# directory, the demo data, and a real SMTP server that stores each mail in $E2E_DIR/mail.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
: "${E2E_DIR:?}" "${PORT:?}" "${SMTP_PORT:?}"
rm -rf "$E2E_DIR" && mkdir -p "$E2E_DIR/mail"
/usr/bin/python3 "$root/end2end/smtp_catcher.py" "$SMTP_PORT" "$E2E_DIR/mail" &
smtp=$!
trap 'kill $smtp 2>/dev/null || true' EXIT
export MITWIRKEN_DATA_DIR="$E2E_DIR/data" MITWIRKEN_ADDR="127.0.0.1:$PORT" \
  MITWIRKEN_BASE_URL="http://127.0.0.1:$PORT" MITWIRKEN_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" \
  MITWIRKEN_IP_RATE_LIMIT=100000 MITWIRKEN_SITE_DIR="$root/target/site-debug"
"$root/target/debug/mitwirken" seed-demo
"$root/target/debug/mitwirken" serve
