# Prints "FILE: NAME" for every function with an ACSL contract: an
# annotation (/*@ */, or /@ @/ inside a ghost block) whose first word is a
# contract clause, followed by the function's declaration or definition.
/^[ \t]*\/\*@[ \t]*ghost/ { next }     # its lines are read as code
/^[ \t]*(\/\*@|\/@)/ {
    block = 1; kw = $0
    sub(/^[ \t]*(\/\*@|\/@)[ \t]*/, "", kw); sub(/[^a-z_].*/, "", kw)
}
block && /(\*\/|@\/)/ {
    block = 0
    want = kw ~ /^(requires|assigns|ensures|behavior|terminates|allocates|frees|exits|decreases)$/
    next
}
block {
    if (kw == "") { kw = $0; sub(/^[ \t]*/, "", kw); sub(/[^a-z_].*/, "", kw) }
    next
}
want && NF {
    want = 0
    if (match($0, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
        name = substr($0, RSTART, RLENGTH); sub(/[ \t]*\($/, "", name)
        print FILENAME ": " name
    }
}
