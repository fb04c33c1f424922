@ thumb_page: Thumb code at page boundaries. A 32-bit instruction whose second
@ halfword is on the next page runs (the translator ends TBs before such an
@ instruction and gives it a TB of its own); rewriting that second halfword
@ takes effect, also when the two virtual pages map to physical pages that are
@ not adjacent, and after the second page is remapped. An IT block whose
@ instructions continue on the next page (a TB starting inside an IT block).
@ Prefetch aborts: the next page unmapped under a 32-bit instruction (IFAR is
@ the second halfword's address, LR the instruction + 4) and after a 16-bit
@ one that ends the page.
        .include "mmu_common.inc"

        SMALL_ATTR PG_RW, 3

        .equ P0, PHYS_SCRATCH                   @ physical pages for the code
        .equ P1, PHYS_SCRATCH + 0x1000
        .equ P2, PHYS_SCRATCH + 0x5000
        .equ VA_A, VA_L2A                       @ P0 here, the next page unmapped
        .equ VA_B, VA_L2A + 0x2000              @ P0 here, P2 (later P1) next

        .text
@ Templates copied into place: \name, then the copy routine's length.
        .thumb
        .balign 4
@ movw straddles: it starts 6 bytes before the end of the first page.
tmpl_movw:
        movs    r0, #0
        nop
        nop
        movw    r0, #0x1234
        bx      lr
        .balign 4
@ itte straddles nothing, but its last three instructions are on the next page.
tmpl_it:
        movs    r0, #0
        movs    r1, #0
        cmp     r0, r1
        itte    eq
        moveq   r0, #1
        moveq   r1, #2
        movne   r0, #3
        orr     r0, r0, r1, lsl #4
        bx      lr
        .balign 4
@ a 16-bit instruction ends the page.
tmpl_last16:
        movs    r0, #0
        nop
        nop
        movs    r0, #0x42
        bx      lr
        .balign 4
tmpl_end:
        .arm

@ copy_code: copy r2 bytes (even) from r1 to r0 by halfwords.
copy_code:
        push    {r0-r3}
1:      ldrh    r3, [r1], #2
        strh    r3, [r0], #2
        subs    r2, r2, #2
        bne     1b
        pop     {r0-r3}
        bx      lr

@ Place the template \tmpl so that its byte 6 is at page offset 0xffe of the
@ page at physical \pa, and the rest at the start of physical \pb.
        .macro PLACE tmpl, pa, pb
        MOV32   r0, \pa + 0xff8
        ldr     r1, =\tmpl
        mov     r2, #8
        bl      copy_code
        MOV32   r0, \pb
        ldr     r1, =\tmpl + 8
        mov     r2, #24
        bl      copy_code
        .endm

@ Vectors: the mmu_common handlers, but a prefetch abort handler that returns
@ to A32 code (the aborting code is Thumb) and notes LR.
        .balign 32
page_vectors:
        b       mmu_unexpected
        b       mmu_unexpected
        b       svc_to_svc
        b       tpabt_handler
        b       dabt_handler
        b       mmu_unexpected
        b       mmu_unexpected
        b       mmu_unexpected

tpabt_handler:
        push    {r0, r1}
        ldr     r0, =rec
        mov     r1, #EXC_PABT
        str     r1, [r0, #REC_TYPE]
        mrc     p15, 0, r1, c5, c0, 1
        str     r1, [r0, #REC_FSR]
        mrc     p15, 0, r1, c6, c0, 2
        str     r1, [r0, #REC_FAR]
        ldr     r0, =pabt_lr
        str     lr, [r0]
        mrs     r1, spsr
        bic     r1, r1, #PSR_T
        msr     spsr_fsxc, r1
        pop     {r0, r1}
        ldr     lr, =resume
        ldr     lr, [lr]
        movs    pc, lr
        .ltorg

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "thumb_page: Thumb code at page boundaries\n"
        bl      mmu_setup
        ldr     r0, =page_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb

        PUTS    "-- adjacent pages (identity map)\n"
        PLACE   tmpl_movw, code_a, code_b
        ldr     r4, =code_a + 0xff9
        CALLR   "movw across the page end"
        MOV32   r0, 0x4056
        ldr     r1, =code_b
        strh    r0, [r1]                        @ now movw r0, #0x1456
        CALLR   "after rewriting its second half"
        PLACE   tmpl_it, code_a, code_b
        ldr     r4, =code_a + 0xff9
        CALLR   "IT block continuing on the next page"

        PUTS    "-- the next page unmapped\n"
        PLACE   tmpl_movw, P0, P1
        MAP_PAGE VA_A, P0, PG_RW
        TLBI_VA VA_A
        ldr     r4, =VA_A + 0xff9
        CALLR   "movw across the page end"
        bl      show_lr
        PLACE   tmpl_last16, P0, P1
        ldr     r4, =VA_A + 0xff9
        CALLR   "16-bit instruction at the page end"
        bl      show_lr

        PUTS    "-- pages not adjacent in physical memory\n"
        PLACE   tmpl_movw, P0, P1
        PLACE   tmpl_movw, P0, P2
        MAP_PAGE VA_B, P0, PG_RW
        MAP_PAGE VA_B + 0x1000, P2, PG_RW
        TLBI_VA VA_B
        TLBI_VA VA_B + 0x1000
        ldr     r4, =VA_B + 0xff9
        CALLR   "movw across the page end"
        MOV32   r0, 0x30ab
        MOV32   r1, P1
        strh    r0, [r1]                        @ the physically next page: no effect
        CALLR   "after writing the physically next page"
        MOV32   r0, 0x7099
        MOV32   r1, P2
        strh    r0, [r1]                        @ the real second half
        CALLR   "after rewriting its second half"
        MAP_PAGE VA_B + 0x1000, P1, PG_RW       @ only the second page changes
        TLBI_VA VA_B + 0x1000
        CALLR   "after remapping the second page"
        PUTS    "-- IT block across the page end, pages not adjacent\n"
        PLACE   tmpl_it, P0, P1
        CALLR   "IT block continuing on the next page"
        pop     {r4-r11, lr}
        bx      lr

@ show_lr: print the LR of the last prefetch abort relative to its page.
show_lr:
        push    {r0, lr}
        ldr     r0, =pabt_lr
        ldr     r0, [r0]
        PUTS    "  lr="
        PUTHEX  r0
        PUTS    "\n"
        pop     {r0, lr}
        bx      lr
        .ltorg

        .bss
        .balign 4
pabt_lr: .space 4
