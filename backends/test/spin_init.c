/* A Linux guest's /init that never says HELLO and never yields: for the
 * test of the host's boot deadline (qemu_linux_fault_test). */
int main(void)
{
    for (volatile unsigned long n = 0;; n++)
        ;
}
