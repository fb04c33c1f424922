@ contrib_workload: known work for the analysis plugins (tests/contrib/*_test.ts).
@ Every phase starts at a FUNC symbol so tests and plugins can name its pc:
@  1. hot_loop: one TB of 3 instructions run LOOP_N times (entered by a branch)
@  2. call_loop: CALLS calls of leaf (add, eor, bx); the TB after_call runs CALLS times
@  3. pages: 256 word stores to page BUF, 128 word loads from BUF+4K, 64 byte loads and
@     64 byte stores at BUF+8K (memory no other code touches)
@  4. stride_load: 2 sweeps of 1024 loads 64 bytes apart over 64 KiB at BIG;
@     reuse_load: 10 sweeps of 16 loads 64 bytes apart over 1 KiB at SMALL
        .include "lib.inc"

        .equ LOOP_N, 5000
        .equ CALLS, 100
        .equ BUF,   0x40800000
        .equ BIG,   0x40900000
        .equ SMALL, 0x40a00000

@ FUNC name: a global function symbol here.
        .macro FUNC name
        .global \name
        .type   \name, %function
\name:
        .endm

        .text
        .global main
main:
        push    {r4, r5, r6, lr}
        PUTS    "contrib_workload\n"

        @ 1. hot loop
        movw    r1, #LOOP_N
        mov     r2, #0
        b       hot_loop
FUNC hot_loop
        add     r2, r2, r1
        subs    r1, r1, #1
        bne     hot_loop
        SHOW    "sum", r2

        @ 2. calls
        mov     r4, #CALLS
        mov     r0, #0
        b       call_loop
FUNC call_loop
        bl      leaf
FUNC after_call
        subs    r4, r4, #1
        bne     call_loop
        SHOW    "leaf", r0

        @ 3. pages
        MOV32   r3, BUF
        mov     r1, #256
FUNC store_page0
        str     r1, [r3], #4
        subs    r1, r1, #1
        bne     store_page0
        MOV32   r3, BUF + 0x1000
        mov     r1, #128
        mov     r2, #0
FUNC load_page1
        ldr     r0, [r3], #4
        add     r2, r2, r0
        subs    r1, r1, #1
        bne     load_page1
        MOV32   r3, BUF + 0x2000
        mov     r1, #64
FUNC bytes_page2
        ldrb    r0, [r3]
        add     r0, r0, r1
        strb    r0, [r3], #1
        subs    r1, r1, #1
        bne     bytes_page2
        MOV32   r3, BUF
        ldr     r0, [r3]
        add     r2, r2, r0
        SHOW    "mem", r2

        @ 4. cache sweeps
        mov     r5, #2
1:      MOV32   r3, BIG
        mov     r1, #1024
FUNC stride_load
        ldr     r0, [r3], #64
        subs    r1, r1, #1
        bne     stride_load
        subs    r5, r5, #1
        bne     1b
        mov     r5, #10
2:      MOV32   r3, SMALL
        mov     r1, #16
FUNC reuse_load
        ldr     r0, [r3], #64
        subs    r1, r1, #1
        bne     reuse_load
        subs    r5, r5, #1
        bne     2b
        PUTS    "sweeps done\n"

        pop     {r4, r5, r6, lr}
        bx      lr

FUNC leaf
        add     r0, r0, #3
        eor     r0, r0, r0, lsl #1
        bx      lr
