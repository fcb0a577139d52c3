#!/usr/bin/env bash
# Collects what `vpclens import DIR` reads, with the AWS CLI and your own credentials: one JSON file per
# call under DIR/<account-id>/<region>/ (layout: README "Offline import"). Read-only: it runs only
# describe-*/get-* calls and sts get-caller-identity. Up to --parallel calls (default 4) run at once:
# each `aws` process takes a second or more to start, so one after another a region takes minutes;
# four at a time stays far below EC2's request limits. --parallel 1 runs them one after another.
#
#   scripts/collect-with-aws-cli.sh DIR [--regions r1,r2] [--profile P] [--endpoint-url URL] [--parallel N]
#
# --regions defaults to the CLI's configured region; "all" means every region enabled for the account.
# A call that fails (AccessDenied, say) leaves its file out and the script goes on; vpclens import then
# records a warning naming the missing call.
set -uo pipefail

usage() { echo "usage: $0 DIR [--regions r1,r2|all] [--profile P] [--endpoint-url URL] [--parallel N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
out="$1"; shift
regions=""; common=(); parallel=4
while [ $# -gt 0 ]; do
  case "$1" in
    --regions) regions="${2:-}"; shift 2 ;;
    --profile) common+=(--profile "${2:-}"); shift 2 ;;
    --endpoint-url) common+=(--endpoint-url "${2:-}"); shift 2 ;;
    --parallel) parallel="${2:-}"; shift 2; [[ "$parallel" =~ ^[1-9][0-9]?$ ]] || { echo "$0: --parallel takes a number from 1 to 99" >&2; exit 2; } ;;
    *) usage ;;
  esac
done
command -v aws >/dev/null || { echo "$0: the AWS CLI (aws) is not installed" >&2; exit 2; }

aws_() { aws "${common[@]}" --output json "$@"; }
# RFC 3986 percent-encoding, as encodeURIComponent does: the file name of a parameter value (an ARN).
urlencode() {
  local s="$1" out="" c i
  for (( i = 0; i < ${#s}; i++ )); do
    c="${s:i:1}"
    case "$c" in [a-zA-Z0-9.~_!*\'\(\)-]) out+="$c" ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
  done
  printf '%s' "$out"
}
# slot: waits until fewer than --parallel calls are running, so the next can start in the background.
# (bash before 4.3, as macOS ships, has no `wait -n`: it waits for all of them instead.)
slot() {
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
    if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 3) )); then wait -n; else wait; fi
  done
}
# call FILE SERVICE OPERATION [ARGS…]: one response into FILE, or no file (and a note) when the call fails.
call() {
  local file="$1"; shift
  if aws_ "$@" >"$file.tmp" 2>"$file.err"; then mv "$file.tmp" "$file"; rm -f "$file.err"
  else echo "  failed: aws $* ($(tr '\n' ' ' <"$file.err" | cut -c1-200))" >&2; rm -f "$file.tmp" "$file.err"; fi
}
# calls FILE SERVICE OPERATION PARAM VALUES…: one call per value (in parallel), the responses as one
# JSON array in the order of the values.
calls() {
  local file="$1" service="$2" op="$3" param="$4"; shift 4
  local i=0 v first=1
  for v in "$@"; do
    slot
    { aws_ "$service" "$op" "$param" "$v" --region "$region" >"$file.$i" || { echo "  failed: aws $service $op $param $v" >&2; rm -f "$file.$i"; }; } &
    i=$((i + 1))
  done
  wait
  { printf '['
    for (( j = 0; j < i; j++ )); do
      [ -f "$file.$j" ] || continue
      [ $first -eq 1 ] || printf ','; first=0; cat "$file.$j"; rm -f "$file.$j"
    done
    printf ']\n'; } >"$file"
}

home=$(aws "${common[@]}" configure get region 2>/dev/null || true)
home=${AWS_REGION:-${AWS_DEFAULT_REGION:-$home}}
if [ -z "$regions" ]; then regions="$home"; fi
[ -n "$regions" ] || { echo "$0: no region: pass --regions r1,r2 or configure one" >&2; exit 2; }
if [ -z "$home" ]; then home="${regions%%,*}"; [ "$home" = all ] && home=us-east-1; fi
account=$(aws_ sts get-caller-identity --region "$home" --query Account --output text) || { echo "$0: cannot call sts get-caller-identity" >&2; exit 2; }
if [ "$regions" = all ]; then
  regions=$(aws_ ec2 describe-regions --region "$home" --query 'Regions[].RegionName' --output text | tr '\t' ',')
fi

IFS=',' read -ra region_list <<<"$regions"
for region in "${region_list[@]}"; do
  dir="$out/$account/$region"
  mkdir -p "$dir/get-managed-prefix-list-entries" "$dir/describe-target-health" "$dir/describe-target-group-attributes"
  echo "$account $region" >&2
  for op in describe-vpcs describe-subnets describe-route-tables describe-internet-gateways \
            describe-egress-only-internet-gateways describe-nat-gateways describe-vpc-peering-connections \
            describe-transit-gateway-attachments describe-vpc-endpoints describe-managed-prefix-lists \
            describe-network-acls describe-security-groups describe-security-group-rules \
            describe-network-interfaces describe-instances describe-addresses; do
    slot; call "$dir/$op.json" ec2 "$op" --region "$region" &
  done
  slot; call "$dir/describe-load-balancers.json" elbv2 describe-load-balancers --region "$region" &
  slot; call "$dir/describe-target-groups.json" elbv2 describe-target-groups --region "$region" &
  for pl in $(aws_ ec2 describe-managed-prefix-lists --region "$region" --query 'PrefixLists[].PrefixListId' --output text); do
    slot; call "$dir/get-managed-prefix-list-entries/$(urlencode "$pl").json" ec2 get-managed-prefix-list-entries --prefix-list-id "$pl" --region "$region" &
  done
  read -ra lbs <<<"$(aws_ elbv2 describe-load-balancers --region "$region" --query 'LoadBalancers[].LoadBalancerArn' --output text)"
  calls "$dir/describe-listeners.json" elbv2 describe-listeners --load-balancer-arn "${lbs[@]}"
  n=0
  for lb in "${lbs[@]}"; do
    slot; aws_ elbv2 describe-listeners --load-balancer-arn "$lb" --region "$region" --query 'Listeners[].ListenerArn' --output text >"$dir/.listener-arns.$n" &
    n=$((n + 1))
  done
  wait
  listeners=()
  for (( j = 0; j < n; j++ )); do
    read -ra more <"$dir/.listener-arns.$j"; rm -f "$dir/.listener-arns.$j"
    listeners+=("${more[@]}")
  done
  calls "$dir/describe-rules.json" elbv2 describe-rules --listener-arn "${listeners[@]}"
  for tg in $(aws_ elbv2 describe-target-groups --region "$region" --query 'TargetGroups[].TargetGroupArn' --output text); do
    slot; call "$dir/describe-target-health/$(urlencode "$tg").json" elbv2 describe-target-health --target-group-arn "$tg" --region "$region" &
    slot; call "$dir/describe-target-group-attributes/$(urlencode "$tg").json" elbv2 describe-target-group-attributes --target-group-arn "$tg" --region "$region" &
  done
  wait
done
echo "collected into $out; next: vpclens import $out" >&2
