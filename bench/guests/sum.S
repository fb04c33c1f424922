@ Compute-bound benchmark: for (i = 0; i < N; i++) sum += i; prints the low 32 bits of the
@ sum and powers off. 4 instructions per iteration; N defaults to 2 * 10^8 (build.sh sets it).
        .syntax unified
        .arm
        .include "common.inc"
        .ifndef N
        .equ    N, 200000000
        .endif

        .section .text.start, "ax"
        .global _start
_start:
        mov     r0, #0                  @ sum (low 32 bits)
        mov     r1, #0                  @ i
        ldr     r2, =N
1:      add     r0, r0, r1
        add     r1, r1, #1
        cmp     r1, r2
        blo     1b
        bl      print_hex
        power_off

        define_print_hex
        .ltorg
