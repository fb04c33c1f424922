@ Memory-bound benchmark with the MMU on: two buffers of MIB MiB at virtual 0x80000000, mapped
@ with 4 KiB small pages over scrambled physical pages (so every new page is a TLB miss in a
@ small TLB and the softmmu's page walk matters). The guest fills the source with a linear
@ congruential sequence, then PASSES times: copies source to destination 16 bytes at a time
@ (ldmia/stmia), adds the pass number to every destination word while checksumming it
@ (load, store), and swaps the buffers. Prints the checksum and powers off. build.sh sets
@ MIB and PASSES.
        .syntax unified
        .arm
        .include "common.inc"
        .ifndef MIB
        .equ    MIB, 16
        .endif
        .ifndef PASSES
        .equ    PASSES, 16
        .endif
        .equ    BUF_VA, 0x80000000
        .equ    BUF_PA, 0x42000000
        .equ    BUF_BYTES, MIB << 20

        .section .text.start, "ax"
        .global _start
_start:
        ldr     r0, =l1_table
        bl      flat_map
        ldr     r1, =BUF_VA
        ldr     r2, =BUF_PA
        ldr     r3, =(2 * MIB * 256)
        ldr     r4, =l2_tables
        bl      map_pages
        bl      mmu_on
        @ fill the source
        ldr     r10, =BUF_VA            @ source
        ldr     r11, =(BUF_VA + BUF_BYTES) @ destination
        mov     r0, r10
        mov     r2, #1
        ldr     r6, =1664525
        ldr     r7, =1013904223
1:      mla     r2, r2, r6, r7
        str     r2, [r0], #4
        cmp     r0, r11
        blo     1b
        mov     r8, #0                  @ checksum
        mov     r12, #PASSES
2:      mov     r0, r10                 @ copy
        mov     r1, r11
        add     r2, r10, #BUF_BYTES
3:      ldmia   r0!, {r3-r6}
        stmia   r1!, {r3-r6}
        cmp     r0, r2
        blo     3b
        mov     r1, r11                 @ checksum and modify the copy
        add     r2, r11, #BUF_BYTES
4:      ldr     r3, [r1]
        add     r8, r3, r8, ror #1
        add     r3, r3, r12
        str     r3, [r1], #4
        cmp     r1, r2
        blo     4b
        mov     r3, r10                 @ swap the buffers
        mov     r10, r11
        mov     r11, r3
        subs    r12, r12, #1
        bne     2b
        mov     r0, r8
        bl      print_hex
        power_off

        define_print_hex
        define_mmu
        .ltorg

        .bss
        .balign 16384
l1_table:
        .space  16384
l2_tables:
        .space  2 * MIB * 1024
