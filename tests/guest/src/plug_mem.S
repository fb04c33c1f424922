@ plug_mem: a known set of loads and stores of every size (byte, halfword,
@ word; signed and unsigned loads; LDRD/STRD; LDM/STM) on a RAM buffer, with
@ known values, between the global symbols mem_begin and mem_end; then it
@ prints what it read back (the UART accesses that follow are IO).
        .include "lib.inc"

        .macro MARK name
        .global \name
        .type   \name, %function
\name:
        .endm

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "plug_mem: loads and stores of every size\n"
        ldr     r4, =buf
        MOV32   r5, 0x8281
        MOV32   r6, 0xdeadbeef
        MOV32   r7, 0x01234567
        MARK    mem_begin
        strb    r5, [r4]                        @ W8  0x81
        ldrb    r8, [r4]                        @ R8  0x81
        ldrsb   r9, [r4]                        @ R8s 0x81
        strh    r5, [r4, #2]                    @ W16 0x8281
        ldrh    r10, [r4, #2]                   @ R16 0x8281
        ldrsh   r11, [r4, #2]                   @ R16s 0x8281
        str     r6, [r4, #4]                    @ W32 0xdeadbeef
        ldr     r12, [r4, #4]                   @ R32 0xdeadbeef
        strd    r6, r7, [r4, #8]                @ W32 0xdeadbeef, W32 0x01234567
        ldrd    r0, r1, [r4, #8]                @ R32 x2
        stmia   r4!, {r5-r7}                    @ W32 x3 at buf, buf+4, buf+8
        ldmdb   r4, {r1-r3}                     @ R32 x3
        MARK    mem_end
        nop
        SHOW    "ldrb", r8
        SHOW    "ldrsb", r9
        SHOW    "ldrh", r10
        SHOW    "ldrsh", r11
        SHOW    "ldr", r12
        SHOW    "ldm[0]", r1
        SHOW    "ldm[2]", r3
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

        .data
        .balign 8
buf:    .space  16
