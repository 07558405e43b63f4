/* A function whose contract holds and whose loop terminates, but with no
 * `loop variant` to show it: wp.sh's goals must fail, on the function's
 * terminates goal (the -terminate flags), so no proved loop lacks one. */
int ticks;

/*@ assigns ticks;
    ensures ticks == 0;
*/
void wait_for_zero(void)
{
    /*@ loop assigns ticks; */
    while (ticks != 0)
        ticks = ticks / 2;
}
