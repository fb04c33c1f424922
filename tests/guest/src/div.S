@ div: SDIV and UDIV (Cortex-A15 has the A32 divide instructions). Fixed
@ operand pairs are printed one per line, including division by zero (the
@ result is 0 on ARMv7-A) and INT_MIN / -1; then random operands are hashed.
        .include "lib.inc"

        .equ IT, 2048

        CASE    "sdiv r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x0000
        CASE    "udiv r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x0000
        NCASE   "sdiv r0, r2, r3 (divisor 0-31)", "sdiv r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x4000
        NCASE   "udiv r0, r2, r3 (divisor 0-31)", "udiv r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x4000
        NCASE   "sdiv r0, r2, r3 (both 0-31)", "sdiv r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x4400
        NCASE   "udiv r0, r2, r3 (both 0-31)", "udiv r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x4400
        CASE    "sdiv r3, r3, r3", IT, 0xf8000000, 0xf8000000, 0x0000
        CASE    "udiv r2, r2, r1", IT, 0xf8000000, 0xf8000000, 0x0000
        CASE    "sdivgt r0, r2, r3", IT, 0xf8000000, 0xf8000000, 0x0000

        .section .rodata
        .balign 4
@ dividend, divisor pairs
pairs:
        .word   7, 2
        .word   -7, 2
        .word   7, -2
        .word   -7, -2
        .word   0x80000000, 0xffffffff
        .word   0x80000000, 1
        .word   0x80000000, 2
        .word   0x7fffffff, 0xffffffff
        .word   0xffffffff, 0xffffffff
        .word   0xffffffff, 1
        .word   0xfffffffe, 0x7fffffff
        .word   0x12345678, 0
        .word   0, 0
        .word   0xffffffff, 0
        .word   0, 0x80000000
        .word   100, 10
        .word   99, 100
        .word   0xdeadbeef, 0x10
        .word   0xdeadbeef, 0x1234
        .word   0x80000001, 0x80000000
pairs_end:

        .text
        .global main
main:
        push    {r4, r5, r6, lr}
        PUTS    "div: SDIV and UDIV\n"
        ldr     r4, =pairs
        ldr     r5, =pairs_end
1:      ldm     r4!, {r0, r1}
        sdiv    r2, r0, r1
        udiv    r3, r0, r1
        PUTHEX  r0
        PUTS    " / "
        PUTHEX  r1
        PUTS    ": sdiv "
        PUTHEX  r2
        PUTS    " udiv "
        PUTHEX  r3
        PUTS    "\n"
        cmp     r4, r5
        blo     1b
        bl      run_all_cases
        pop     {r4, r5, r6, lr}
        bx      lr
        .ltorg
