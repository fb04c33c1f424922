@ Compute-bound benchmark: for (i = 0; i < N; i++) sum += i; prints the sum, powers off.
@ N is 10^8 (4 instructions per iteration).
        .syntax unified
        .arm
        .section .text.start, "ax"
        .global _start
_start:
        mov     r0, #0                  @ sum (low 32 bits)
        mov     r1, #0                  @ i
        ldr     r2, =100000000          @ N
1:      add     r0, r0, r1
        add     r1, r1, #1
        cmp     r1, r2
        blo     1b
        bl      print_hex
        ldr     r0, =0x84000008         @ PSCI SYSTEM_OFF
        hvc     #0
2:      b       2b

@ Prints r0 as 8 hex digits and a newline on the PL011.
print_hex:
        ldr     r3, =0x09000000
        mov     r2, #28
3:      lsr     r1, r0, r2
        and     r1, r1, #15
        cmp     r1, #10
        addlo   r1, r1, #'0'
        addhs   r1, r1, #('A' - 10)
        strb    r1, [r3]
        subs    r2, r2, #4
        bpl     3b
        mov     r1, #'\n'
        strb    r1, [r3]
        bx      lr
        .ltorg
