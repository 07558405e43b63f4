/* A cast that wraps: 0xffffffff read as int32_t. wp.sh's goals must fail,
 * on the cast's RTE goal (the -warn-*-downcast flags), so no proved code
 * wraps by a cast. (The argument is fixed by the precondition, so the goal
 * is plainly false and both provers give up at once; with u free, Z3 ran
 * to wp.sh's 120 s backstop on this goal, ignoring its step limit.) */
#include <stdint.h>

/*@ requires u == 0xffffffff;
    assigns \nothing;
*/
int32_t as_signed(uint32_t u)
{
    return (int32_t)u;
}
