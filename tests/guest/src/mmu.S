@ mmu: short-descriptor translation with the MMU on. Identity-maps RAM and the
@ UART with sections, maps small pages, a 64 KiB large page, sections and a
@ supersection onto scratch memory, changes mappings and observes them after
@ each TLB maintenance operation (TLBIMVA, TLBIALL, TLBIMVAA, the inner
@ shareable, instruction and data forms), flushes by an address elsewhere in
@ a section / large page / supersection, and remaps code pages (including the
@ target of a branch from another page) to check translated code follows.
        .include "mmu_common.inc"

        SMALL_ATTR PG_RW, 3
        SECTION_ATTR SEC_RW, 3, 0
        SMALL_ATTR PG_RW_NG, 3, 0, 1
        .equ LARGE_RW, 0x1 | 0xc | (3 << 4)     @ large page, full access

@ Remap VA_L2A to \page, run TLB operation \op (cp15 c8 CRm \crm, opc2 \opc2)
@ with operand \val, then read VA_L2A and print it.
        .macro REMAP_OP name, page, crm, opc2, val
        MAP_PAGE VA_L2A, \page, PG_RW
        dsb
        MOV32   r0, \val
        mcr     p15, 0, r0, c8, \crm, \opc2
        dsb
        isb
        TRY     "\name", "MOV32 r1, VA_L2A; ldr r0, [r1]"
        .endm

@ Remap VA_L2A (nG) to \page, run the ASID operation in CRm \crm for ASID 0,
@ then read VA_L2A and print it.
        .macro REMAP_NG name, page, crm
        MAP_PAGE VA_L2A, \page, PG_RW_NG
        dsb
        mov     r0, #0
        mcr     p15, 0, r0, c8, \crm, 2
        dsb
        isb
        TRY     "\name", "MOV32 r1, VA_L2A; ldr r0, [r1]"
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "mmu: translation and TLB maintenance\n"
        bl      mmu_setup
        mrc     p15, 0, r0, c1, c0, 0
        SHOW    "SCTLR with the MMU on", r0
        TRY     "identity read of a RAM word", "ldr r1, =marker; ldr r0, [r1]"

        PUTS    "-- small pages\n"
        MOV32   r0, 0xaaaa0000
        ldr     r1, =page_a
        str     r0, [r1]
        MOV32   r0, 0xbbbb0000
        ldr     r1, =page_b
        str     r0, [r1]
        MAP_PAGE VA_L2A, page_a, PG_RW
        TRY     "VA_L2A -> page_a", "MOV32 r1, VA_L2A; ldr r0, [r1]"
        MAP_PAGE VA_L2A, page_b, PG_RW
        TLBI_VA VA_L2A
        TRY     "remapped to page_b, TLBIMVA", "MOV32 r1, VA_L2A; ldr r0, [r1]"
        MOV32   r0, 0x12345678
        MOV32   r1, VA_L2A + 4
        str     r0, [r1]
        TRY     "store through VA, read page_b+4", "ldr r1, =page_b; ldr r0, [r1, #4]"
        MOV32   r0, 0x0000abcd
        MOV32   r1, VA_L2A + 0xffe
        strh    r0, [r1]
        TRY     "halfword at VA+0xffe", "ldr r1, =page_b + 0xffe; ldrh r0, [r1]"
        MAP_PAGE VA_L2A + 0x1000, page_a, PG_RW
        TLBI_VA VA_L2A + 0x1000
        MOV32   r0, 0x11223344
        MOV32   r1, VA_L2A + 0xffe
        str     r0, [r1]                        @ unaligned, across two pages
        TRY     "unaligned word across pages (low half)", "ldr r1, =page_b + 0xffe; ldrh r0, [r1]"
        TRY     "unaligned word across pages (high half)", "ldr r1, =page_a; ldrh r0, [r1]"
        TRY     "unaligned load across pages", "MOV32 r1, VA_L2A + 0xffe; ldr r0, [r1]"
        TRY     "two VAs alias page_a", "MOV32 r1, VA_L2A + 0x1000; ldr r0, [r1]"

        PUTS    "-- each TLB maintenance operation\n"
        REMAP_OP "TLBIALL", page_a, c7, 0, 0
        REMAP_OP "TLBIMVA", page_b, c7, 1, VA_L2A
        REMAP_OP "TLBIMVAA", page_b, c7, 3, VA_L2A
        REMAP_OP "TLBIALLIS", page_a, c3, 0, 0
        REMAP_OP "TLBIMVAIS", page_b, c3, 1, VA_L2A
        REMAP_OP "TLBIMVAAIS", page_b, c3, 3, VA_L2A
        REMAP_OP "ITLBIALL", page_a, c5, 0, 0
        REMAP_OP "ITLBIMVA", page_b, c5, 1, VA_L2A
        REMAP_OP "DTLBIALL", page_a, c6, 0, 0
        REMAP_OP "DTLBIMVA", page_b, c6, 1, VA_L2A
        @ The ASID forms only touch nG entries: use nG mappings (current ASID 0).
        MAP_PAGE VA_L2A, page_a, PG_RW_NG
        TLBI_VA VA_L2A
        TRY     "nG mapping of page_a", "MOV32 r1, VA_L2A; ldr r0, [r1]"
        REMAP_NG "TLBIASID", page_b, c7
        REMAP_NG "TLBIASIDIS", page_a, c3
        REMAP_NG "ITLBIASID", page_b, c5
        REMAP_NG "DTLBIASID", page_a, c6
        MAP_PAGE VA_L2A, page_b, PG_RW
        TLBI_VA VA_L2A

        PUTS    "-- large page (64 KiB)\n"
        MOV32   r0, PHYS_SCRATCH + 0x3000
        MOV32   r1, 0x64640001
        str     r1, [r0]
        MOV32   r0, PHYS_SCRATCH + 0x13000
        MOV32   r1, 0x64640002
        str     r1, [r0]
        MOV32   r0, PHYS_SCRATCH + 0xfffc
        MOV32   r1, 0x6464fffc
        str     r1, [r0]
        MOV32   r0, VA_L2A + 0x10000
        ldr     r1, =PHYS_SCRATCH + LARGE_RW
        bl      map_large
        TLBI_VA VA_L2A + 0x10000
        TRY     "large page +0x3000", "MOV32 r1, VA_L2A + 0x13000; ldr r0, [r1]"
        TRY     "large page +0xfffc", "MOV32 r1, VA_L2A + 0x1fffc; ldr r0, [r1]"
        MOV32   r0, VA_L2A + 0x10000
        ldr     r1, =PHYS_SCRATCH + 0x10000 + LARGE_RW
        bl      map_large
        TLBI_VA VA_L2A + 0x1f000                @ another page of the same large page
        TRY     "remapped, TLBIMVA of +0xf000, read +0x3000", "MOV32 r1, VA_L2A + 0x13000; ldr r0, [r1]"

        PUTS    "-- sections\n"
        MOV32   r0, PHYS_SEC_A + 0x5000
        MOV32   r1, 0x5ec00001
        str     r1, [r0]
        MOV32   r0, PHYS_SEC_B + 0x5000
        MOV32   r1, 0x5ec00002
        str     r1, [r0]
        MAP_SECTION 0x80a00000, PHYS_SEC_A, SEC_RW
        TLBI_VA 0x80a00000
        TRY     "section +0x5000", "MOV32 r1, 0x80a05000; ldr r0, [r1]"
        MAP_SECTION 0x80a00000, PHYS_SEC_B, SEC_RW
        TLBI_VA 0x80a77000                      @ another page of the same section
        TRY     "remapped, TLBIMVA of +0x77000, read +0x5000", "MOV32 r1, 0x80a05000; ldr r0, [r1]"
        TRY     "section at VA 0x80b00000 (unmapped)", "MOV32 r1, 0x80b00000; ldr r0, [r1]"

        PUTS    "-- supersections\n"
        MOV32   r0, PHYS_SUPER_A + 0x123450
        MOV32   r1, 0x5c5c0001
        str     r1, [r0]
        MOV32   r0, PHYS_SUPER_B + 0x123450
        MOV32   r1, 0x5c5c0002
        str     r1, [r0]
        MOV32   r0, 0x91000000
        ldr     r1, =PHYS_SUPER_A + SEC_RW + (1 << 18)
        bl      map_super
        TLBI_VA 0x91123000
        TRY     "supersection +0x123450", "MOV32 r1, 0x91123450; ldr r0, [r1]"
        MOV32   r0, 0x91000000
        ldr     r1, =PHYS_SUPER_B + SEC_RW + (1 << 18)
        bl      map_super
        TLBI_VA 0x91f00000                      @ another MiB of the same supersection
        TRY     "remapped, TLBIMVA of +0xf00000, read +0x123450", "MOV32 r1, 0x91123450; ldr r0, [r1]"
        MOV32   r0, 0x91000000
        ldr     r1, =PHYS_SUPER_A + SEC_RW + (1 << 18)
        bl      map_super
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        isb
        TRY     "back to PHYS_SUPER_A (TLBIALL)", "MOV32 r1, 0x91123450; ldr r0, [r1]"

        PUTS    "-- code pages\n"
        ldr     r0, =code_a
        mov     r1, #1
        bl      put_code
        ldr     r0, =code_b
        mov     r1, #2
        bl      put_code
        mcr     p15, 0, r0, c7, c5, 0           @ ICIALLU
        MAP_PAGE VA_L2A + 0x8000, code_a, PG_RW
        TLBI_VA VA_L2A + 0x8000
        CALL    "call VA+0x8000 (code_a)", VA_L2A + 0x8000
        CALL    "call it again", VA_L2A + 0x8000
        MAP_PAGE VA_L2A + 0x8000, code_b, PG_RW
        TLBI_VA VA_L2A + 0x8000
        mcr     p15, 0, r0, c7, c5, 0           @ ICIALLU
        CALL    "remapped to code_b, TLBIMVA", VA_L2A + 0x8000
        MAP_PAGE VA_L2A + 0x8000, code_a, PG_RW
        mov     r0, #0
        mcr     p15, 0, r0, c8, c5, 0           @ ITLBIALL
        mcr     p15, 0, r0, c7, c5, 0
        isb
        CALL    "back to code_a, ITLBIALL", VA_L2A + 0x8000
        @ code_x: "b VA+0xb000" at VA+0xa000; the branch target page is remapped.
        ldr     r0, =code_x
        ldr     r1, =0xea0003fe                 @ b .+0x1000
        str     r1, [r0]
        MAP_PAGE VA_L2A + 0xa000, code_x, PG_RW
        MAP_PAGE VA_L2A + 0xb000, code_a, PG_RW
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        mcr     p15, 0, r0, c7, c5, 0
        isb
        CALL    "branch from page +0xa000 to +0xb000 (code_a)", VA_L2A + 0xa000
        CALL    "again", VA_L2A + 0xa000
        CALL    "and again", VA_L2A + 0xa000
        MAP_PAGE VA_L2A + 0xb000, code_b, PG_RW
        TLBI_VA VA_L2A + 0xb000
        mcr     p15, 0, r0, c7, c5, 0
        isb
        CALL    "target page remapped to code_b", VA_L2A + 0xa000
        @ Code that runs off the end of a mapped page into an unmapped one.
        ldr     r0, =code_b + 0xff8
        ldr     r1, =0xe3a00003                 @ mov r0, #3
        ldr     r2, =0xe3a00004                 @ mov r0, #4
        stmia   r0, {r1, r2}
        MAP_PAGE VA_L2A + 0xe000, code_b, PG_RW
        MAP_PAGE VA_L2A + 0xf000, 0, 0
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        mcr     p15, 0, r0, c7, c5, 0
        isb
        CALL    "fall through into an unmapped page", VA_L2A + 0xeff8
        pop     {r4-r11, lr}
        bx      lr

@ map_large: 16 l2_a entries from VA r0 (64 KiB aligned) = r1 (large page descriptor).
map_large:
        push    {r0, r2, lr}
        mov     r2, #16
1:      bl      set_l2a
        add     r0, r0, #0x1000
        subs    r2, r2, #1
        bne     1b
        pop     {r0, r2, lr}
        bx      lr

@ map_super: 16 l1 entries from VA r0 (16 MiB aligned) = r1 (supersection descriptor).
map_super:
        push    {r0, r2, lr}
        mov     r2, #16
1:      bl      set_l1
        add     r0, r0, #0x100000
        subs    r2, r2, #1
        bne     1b
        pop     {r0, r2, lr}
        bx      lr
        .ltorg

        .data
marker: .word   0x600dc0de
