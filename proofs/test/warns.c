/* A function WP proves that calls one with neither code nor contract:
 * Frama-C warns (missing-spec) and gives the callee a default assigns
 * clause, so wp.sh must fail although every goal is proved. */
int undefined_helper(int x);

/*@ assigns \nothing;
    ensures \result == 1;
*/
int calls_undefined(void)
{
    undefined_helper(0);
    return 1;
}
