@ Memory-bound benchmark: 1024 passes of load/modify/store over 1 MiB of words, then a
@ checksum of the buffer printed on the PL011. MMU off (flat physical addresses).
        .syntax unified
        .arm
        .section .text.start, "ax"
        .global _start
_start:
        ldr     r4, =buffer
        mov     r5, #1024               @ passes
1:      mov     r0, r4
        add     r1, r4, #0x100000       @ end of the 1 MiB buffer
2:      ldr     r2, [r0]
        add     r2, r2, r5
        str     r2, [r0], #4
        cmp     r0, r1
        blo     2b
        subs    r5, r5, #1
        bne     1b
        mov     r0, r4                  @ checksum
        mov     r3, #0
3:      ldr     r2, [r0], #4
        add     r3, r2, r3, ror #1
        cmp     r0, r1
        blo     3b
        mov     r0, r3
        bl      print_hex
        ldr     r0, =0x84000008
        hvc     #0
4:      b       4b

print_hex:
        ldr     r3, =0x09000000
        mov     r2, #28
5:      lsr     r1, r0, r2
        and     r1, r1, #15
        cmp     r1, #10
        addlo   r1, r1, #'0'
        addhs   r1, r1, #('A' - 10)
        strb    r1, [r3]
        subs    r2, r2, #4
        bpl     5b
        mov     r1, #'\n'
        strb    r1, [r3]
        bx      lr
        .ltorg

        .bss
        .balign 4096
buffer: .space  0x100000
