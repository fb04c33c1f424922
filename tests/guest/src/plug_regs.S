@ plug_regs: fixed points for register and memory plugins. At regs_seq,
@ r0 goes 0, 1, 2 in one block; at flags_seq, NZCV goes 0100 (after MOVS #0),
@ 1000 (0 - 1), 0110 (-1 + 1); at patch_reg, r2 = r1 (r1 = 0x11); at
@ patch_mem the two words patch_vaddr and patch_hwaddr (0x1111, 0x2222) are
@ read; at skip_me, r7 (0x55) becomes 0x77. The program prints r0, r2, both
@ words and r7, so a plugin that writes r1 before patch_reg, the words before
@ patch_mem, or moves the pc past skip_me changes what it prints.
        .include "lib.inc"

        .macro MARK name
        .global \name
        .type   \name, %function
\name:
        .endm

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "plug_regs: register and memory access points\n"
        mov     r1, #0x11
        ldr     r4, =patch_vaddr
        MARK    regs_seq
        mov     r0, #0
        add     r0, r0, #1
        add     r0, r0, #1
        MARK    flags_seq
        movs    r3, #0
        subs    r3, r3, #1
        adds    r3, r3, #1
        mov     r7, #0x55
        MARK    skip_me
        mov     r7, #0x77
        MARK    patch_reg
        mov     r2, r1
        MARK    patch_mem
        ldr     r5, [r4]
        ldr     r6, [r4, #4]
        mov     r3, r0
        SHOW    "r0", r3
        SHOW    "r2", r2
        SHOW    "patch_vaddr", r5
        SHOW    "patch_hwaddr", r6
        SHOW    "r7", r7
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
        .global patch_vaddr
        .type   patch_vaddr, %object
patch_vaddr:    .word   0x1111
patch_hwaddr:   .word   0x2222
