#!/usr/bin/env bash
# Reports incidents through FlowDesk's API as the demo requesters would, so that a fresh demo has a history
# to look at: queues with work, measures with figures, and decisions the workbench's "What would it have
# decided?" can replay. Every incident goes through the whole intake (the priority and assignment decisions,
# the SLA clocks), as one reported in the portal does.
# Usage: tools/demo/report-incidents.sh [count, default 40] [FlowDesk's address, default http://localhost:8080]
set -euo pipefail
count=${1:-40}
base=${2:-http://localhost:8080}
people=(alice greta hana)
services=("printer hardware Paper jam on the second floor printer"
          "email software Mails stay in the outbox"
          "vpn network VPN drops every few minutes"
          "laptop hardware Laptop does not wake from sleep"
          "hr-portal access Cannot open my payslips")
for i in $(seq 1 "$count"); do
  person=${people[$((i % ${#people[@]}))]}
  read -r service category title <<< "${services[$((i % ${#services[@]}))]}"
  impact=$(( i % 3 + 1 ))
  urgency=$(( (i / 3) % 3 + 1 ))
  body=$(printf '{"title":"%s (%d)","description":"Reported by the demo script","service":"%s","category":"%s","impact":%d,"urgency":%d}' \
    "$title" "$i" "$service" "$category" "$impact" "$urgency")
  curl -sf -u "$person:$person" -H 'Content-Type: application/json' -d "$body" "$base/api/incidents" \
    | sed -E 's/.*"number":"([^"]+)".*"priority":([0-9]).*/\1 P\2/'
  echo
done
