# Sourced by run_mutants.sh and campaign_mutants.sh: the tally of killed
# and surviving mutants and the closing line with the median time to kill.
killed=0 survived=0 times=()
score_killed() {    # NAME SECONDS WHAT
    killed=$((killed + 1)); times+=("$2")
    printf '%-22s killed in %5s s  (%s)\n' "$1" "$2" "$3"
}
score_survived() {  # NAME TEXT
    survived=$((survived + 1))
    printf '%-22s SURVIVED %s\n' "$1" "$2"
}
score_summary() {   # LABEL; exit status 1 if any survived
    local median
    median=$(printf '%s\n' "${times[@]:-0}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
    echo "$1: $killed killed, $survived survived; median time to kill ${median} s"
    [ "$survived" = 0 ]
}
