@ Compute-bound benchmark with a mix of work: each iteration steps a linear congruential
@ generator (multiply-accumulate), updates a word of a 4 KiB table picked by the generator
@ (load, store), and takes a data-dependent branch to either a long multiply or a rotate.
@ About 12 instructions per iteration; N iterations (build.sh sets it). Prints a checksum of
@ the table and the accumulator, then powers off. MMU off.
        .syntax unified
        .arm
        .include "common.inc"
        .ifndef N
        .equ    N, 60000000
        .endif

        .section .text.start, "ax"
        .global _start
_start:
        mov     r0, #1                  @ x, the generator's state
        mov     r1, #0                  @ i
        ldr     r2, =N
        ldr     r4, =table
        mov     r5, #0                  @ accumulator
        ldr     r6, =1664525
        ldr     r7, =1013904223
1:      mla     r0, r0, r6, r7          @ x = x * 1664525 + 1013904223
        lsr     r3, r0, #22             @ idx = x >> 22
        ldr     r8, [r4, r3, lsl #2]
        add     r8, r8, r0, lsr #16
        str     r8, [r4, r3, lsl #2]    @ table[idx] += x >> 16
        tst     r0, #0x100
        beq     2f
        umull   r9, r10, r8, r0
        eor     r5, r5, r10
        b       3f
2:      add     r5, r5, r8, ror #7
3:      add     r1, r1, #1
        cmp     r1, r2
        blo     1b
        @ checksum: acc, then every table word
        mov     r0, r5
        mov     r1, #0
4:      ldr     r3, [r4, r1, lsl #2]
        add     r0, r3, r0, ror #1
        add     r1, r1, #1
        cmp     r1, #1024
        blo     4b
        bl      print_hex
        power_off

        define_print_hex
        .ltorg

        .bss
        .balign 4096
table:  .space  4096
