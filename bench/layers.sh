#!/usr/bin/env bash
# layers.sh N [ROUNDS]: what each optimisation layer (internal/layer) saves at N
# processes, from ROUNDS (3) runs of anchors.sh with pidtop alone: each run
# measures pidtop, a row per layer switched off (PIDTOP_OFF), and pidtop again.
# A layer's saving in a run is 1 - on/off of the figure it is judged by (on:
# the mean of the two pidtop rows); the summary gives each layer's median over
# the rounds and the spread. Everything goes into
# bench/results/layers-N<N>-<date>.md. Knobs as anchors.sh's; the defaults here
# are WINDOW=10 SYSCOUNT=none FRAMES=3 and no one-shot (anchors.sh N with
# LAYERS=all measures those).
set -uo pipefail
export LC_ALL=C
N=${1:-}
ROUNDS=${2:-3}
if [[ ! $N =~ ^[0-9]+$ ]] || [[ ! $ROUNDS =~ ^[0-9]+$ ]]; then
	echo "usage: $0 N [ROUNDS]" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
OUTFILE=$HERE/results/layers-N$N-$(date +%F).md
RUNS=$(mktemp /tmp/pidtop-layers.XXXXXX)
trap 'rm -f "$RUNS"' EXIT
for ((r = 1; r <= ROUNDS; r++)); do
	echo "round $r of $ROUNDS" >&2
	TOOLS=pidtop LAYERS=${LAYERS:-all} WINDOW=${WINDOW:-10} SYSCOUNT=${SYSCOUNT:-none} \
		FRAMES=${FRAMES:-3} ONESHOT=0 RESULT=$RUNS "$HERE/anchors.sh" "$N" >&2 || exit 1
done
SUMMARY=$(
	echo "| layer | judged by | saves (median) | min | max | noise (median) |"
	echo "|---|---|---|---|---|---|"
	awk -F' *[|] *' '
		/^[|] layer [|]/ { round++; in_table = 1; next }
		!/^[|]/ { in_table = 0 }
		in_table && /^[|] [a-z]+ [|]/ && NF >= 7 && $2 != "tool" {
			name = $2; fig[name] = $3
			if (!(name in order)) { order[name] = ++n; names[n] = name }
			s = $7; sub("%", "", s); save[name, round] = s
			on = $4; again = $5
			if (on + 0 > 0 && again != "n/a") noise[name, round] = 100 * (again - on) / on
		}
		function median(a, k,   i, j, t) {
			for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
			return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
		}
		END {
			for (i = 1; i <= n; i++) {
				name = names[i]; k = 0; m = 0; delete v; delete w
				for (r = 1; r <= round; r++) {
					if ((name, r) in save && save[name, r] != "n/a") v[++k] = save[name, r] + 0
					if ((name, r) in noise) w[++m] = noise[name, r]
				}
				if (k == 0) { printf "| %s | %s | n/a | | | |\n", name, fig[name]; continue }
				lo = v[1]; hi = v[1]
				for (j = 1; j <= k; j++) { if (v[j] < lo) lo = v[j]; if (v[j] > hi) hi = v[j] }
				printf "| %s | %s | %.0f%% | %.0f%% | %.0f%% | %s |\n", name, fig[name], median(v, k), lo, hi, m ? sprintf("%.0f%%", median(w, m)) : "n/a"
			}
		}' "$RUNS"
)
{
	echo "## $(date '+%F %T'): layers at N=$N, \`bench/layers.sh $N $ROUNDS\`"
	echo
	echo "What each layer saves of the figure it is judged by, 1 - on/off per round"
	echo "(on: every layer on, the mean of the two pidtop rows of the round; off: that"
	echo "layer switched off), median over $ROUNDS rounds, then min and max. \"noise\" is"
	echo "the difference between the two pidtop rows of a round, which no layer changes."
	echo
	echo "$SUMMARY"
	echo
	echo '<details><summary>the rounds</summary>'
	echo
	cat "$RUNS"
	echo '</details>'
	echo
} >>"$OUTFILE"
echo "$SUMMARY"
echo "appended to ${OUTFILE#"$(dirname "$HERE")"/}"
