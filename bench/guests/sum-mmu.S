@ The compute loop with the MMU on, touching memory through the TLB: the guest builds a
@ short-descriptor translation table (RAM as sections, and 256 KiB of data at virtual
@ 0x80000000 as 64 small 4 KiB pages over scrambled physical pages), turns the MMU on, fills
@ the data, then runs for (i = 0; i < N; i++) sum += i + data[(i * 16) % 64K words], walking
@ the data a cache line at a time (a new page every 64 iterations). 8 instructions per
@ iteration; N defaults to 10^8 (build.sh sets it). Prints the sum and powers off.
        .syntax unified
        .arm
        .include "common.inc"
        .ifndef N
        .equ    N, 100000000
        .endif
        .equ    DATA_VA, 0x80000000
        .equ    DATA_PA, 0x44000000
        .equ    DATA_PAGES, 64
        .equ    DATA_MASK, (DATA_PAGES * 4096 - 1) & ~63

        .section .text.start, "ax"
        .global _start
_start:
        ldr     r0, =l1_table
        bl      flat_map
        ldr     r1, =DATA_VA
        ldr     r2, =DATA_PA
        mov     r3, #DATA_PAGES
        ldr     r4, =l2_tables
        bl      map_pages
        bl      mmu_on
        @ fill the data through the MMU: word j = j * 0x9e3779b9
        ldr     r6, =DATA_VA
        mov     r1, #0
        ldr     r2, =0x9e3779b9
        mov     r3, #0
1:      str     r3, [r6, r1, lsl #2]
        add     r3, r3, r2
        add     r1, r1, #1
        cmp     r1, #(DATA_PAGES * 1024)
        blo     1b
        @ the loop
        mov     r0, #0                  @ sum
        mov     r1, #0                  @ i
        ldr     r2, =N
        mov     r5, #0                  @ byte offset into the data
        ldr     r7, =DATA_MASK
2:      ldr     r3, [r6, r5]
        add     r0, r0, r1
        add     r0, r0, r3
        add     r1, r1, #1
        add     r5, r5, #64
        and     r5, r5, r7
        cmp     r1, r2
        blo     2b
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
        .space  1024
