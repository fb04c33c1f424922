@ The demo guest: a friendly banner, a little arithmetic, CPU mode and MIDR.
        .include "lib.inc"

        .text
        .global main
main:
        push    {r4, r5, r6, lr}
        PUTS    "Hello from tsemu's demo guest on -M virt (ARMv7-A)\n"
        PUTS    "Fibonacci:"
        mov     r4, #0                          @ F(n)
        mov     r5, #1                          @ F(n+1)
        mov     r6, #12
1:      PUTS    " "
        PUTDEC  r4
        add     r0, r4, r5
        mov     r4, r5
        mov     r5, r0
        subs    r6, r6, #1
        bne     1b
        PUTS    "\n"
        mrs     r0, cpsr
        and     r0, r0, #PSR_MODE_MASK
        cmp     r0, #MODE_SVC
        bne     2f
        PUTS    "CPU mode: SVC\n"
        b       3f
2:      SHOW    "CPU mode", r0
3:      mrc     p15, 0, r0, c0, c0, 0           @ MIDR
        SHOW    "MIDR", r0
        PUTS    "Powering off via PSCI SYSTEM_OFF. Bye!\n"
        pop     {r4, r5, r6, lr}
        bx      lr
