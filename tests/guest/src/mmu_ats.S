@ mmu_ats: address translation operations and translation state. ATS1CPR,
@ ATS1CPW, ATS1CUR and ATS1CUW on pages, large pages, sections and
@ supersections and on every fault kind (the short-descriptor PAR), ASIDs
@ with nG mappings across CONTEXTIDR switches and TLBIASID/TLBIMVA by ASID,
@ TEX remap (SCTLR.TRE with PRRR/NMRR), the TTBCR.N split between TTBR0 and
@ TTBR1, and ATS with the MMU off.
        .include "mmu_common.inc"

        .equ VA_RW,    VA_L2A + 0x0000  @ AP=3 -> page_a
        .equ VA_NOPG,  VA_L2A + 0x1000  @ no mapping
        .equ VA_AP1,   VA_L2A + 0x2000  @ AP=1 -> page_b
        .equ VA_AP2,   VA_L2A + 0x3000  @ AP=2 -> page_b
        .equ VA_AP5,   VA_L2A + 0x4000  @ AP=5 -> page_c
        .equ VA_AP6,   VA_L2A + 0x5000  @ AP=6 -> page_c
        .equ VA_XN,    VA_L2A + 0x6000  @ AP=3 XN -> code_a
        .equ VA_NG,    VA_L2A + 0x7000  @ nG page (ASID tests)
        .equ VA_LARGE, VA_L2A + 0x10000 @ 64 KiB large page -> PHYS_SCRATCH
        .equ VA_SEC,   0x80300000       @ section -> PHYS_SEC_A
        .equ VA_DOM2,  0x80200000       @ section, domain 2 (no access)
        .equ VA_SUPER, 0x91000000       @ supersection -> PHYS_SUPER_A
        .equ VA_NONE,  0xa0000000
        .equ VA_L2EA,  0x80900000       @ page table at an unassigned address
        .equ VA_LOW,   0x20000000       @ below 1 GiB (TTBCR.N = 2 tests)

        SMALL_ATTR P_RW, 3
        SMALL_ATTR P_AP1, 1
        SMALL_ATTR P_AP2, 2
        SMALL_ATTR P_AP5, 5
        SMALL_ATTR P_AP6, 6
        SMALL_ATTR P_XN, 3, 1
        SMALL_ATTR P_NG, 3, 0, 1
        SECTION_ATTR S_RW, 3, 0
        SECTION_ATTR S_DOM2, 3, 2
        .equ LARGE_RW, 0x1 | 0xc | (3 << 4)

@ Print "\name: PAR" after ATS operation \opc2 (0 CPR, 1 CPW, 2 CUR, 3 CUW) on \va.
        .macro ATS name, opc2, va
        TRY     "\name", "MOV32 r1, \va; mcr p15, 0, r1, c7, c8, \opc2; isb; mrc p15, 0, r0, c7, c4, 0"
        .endm

@ All four ATS operations on \va.
        .macro ATS4 label, va
        ATS     "ATS1CPR \label", 0, \va
        ATS     "ATS1CPW \label", 1, \va
        ATS     "ATS1CUR \label", 2, \va
        ATS     "ATS1CUW \label", 3, \va
        .endm

@ A literal pool in the middle of the code.
        .macro POOL
        b       9007f
        .ltorg
9007:
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "mmu_ats: PAR, ASIDs, TEX remap, TTBCR\n"
        bl      mmu_setup
        bl      build_tables

        PUTS    "-- ATS1C* and PAR\n"
        ATS4    "AP=3 page", VA_RW + 0x123
        ATS4    "AP=1 page", VA_AP1 + 0x456
        ATS4    "AP=2 page", VA_AP2
        ATS4    "AP=5 page", VA_AP5 + 0xffc
        ATS4    "AP=6 page", VA_AP6
        ATS     "ATS1CPR XN page", 0, VA_XN
        ATS4    "no page", VA_NOPG + 8
        ATS4    "no section", VA_NONE + 0x10
        ATS4    "domain 2 section", VA_DOM2
        ATS     "ATS1CPR large page +0x1234", 0, VA_LARGE + 0x1234
        ATS     "ATS1CPR large page +0xf008", 0, VA_LARGE + 0xf008
        ATS     "ATS1CPR section +0x54321", 0, VA_SEC + 0x54321
        ATS     "ATS1CPR supersection +0xabcdef", 0, VA_SUPER + 0xabcdef
        ATS     "ATS1CUW identity RAM", 3, 0x40123456
        ATS     "ATS1CPR UART", 0, UART_BASE + 0x18
        ATS     "ATS1CPR level 2 table unassigned", 0, VA_L2EA + 0x10
        ATS     "ATS1CUW level 2 table unassigned", 3, VA_L2EA + 0x14
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_AFE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        ATS4    "AFE, AP=2 (AF clear)", VA_AP2
        ATS4    "AFE, AP=5 (AF set)", VA_AP5
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_AFE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        MOV32   r0, 0x12345678
        mcr     p15, 0, r0, c7, c4, 0
        mrc     p15, 0, r0, c7, c4, 0
        SHOW    "PAR after writing 0x12345678", r0

        POOL
        PUTS    "-- ASIDs and nG mappings\n"
        ldr     r0, =page_a
        MOV32   r1, 0xa5a50001
        str     r1, [r0, #0x40]
        ldr     r0, =page_b
        MOV32   r1, 0xb5b50002
        str     r1, [r0, #0x40]
        mov     r0, #1
        mcr     p15, 0, r0, c13, c0, 1          @ CONTEXTIDR: ASID 1
        isb
        MAP_PAGE VA_NG, page_a, P_NG
        TLBI_VA VA_NG | 1
        TRY     "ASID 1: nG page -> page_a", "MOV32 r1, VA_NG + 0x40; ldr r0, [r1]"
        MAP_PAGE VA_NG, page_b, P_NG
        dsb
        MOV32   r0, 0x00000302                  @ PROCID 3, ASID 2
        mcr     p15, 0, r0, c13, c0, 1
        isb
        mrc     p15, 0, r0, c13, c0, 1
        SHOW    "CONTEXTIDR", r0
        TRY     "ASID 2 after remapping to page_b", "MOV32 r1, VA_NG + 0x40; ldr r0, [r1]"
        TRY     "ASID 2: global identity mapping", "ldr r1, =marker; ldr r0, [r1]"
        MAP_PAGE VA_NG, page_a, P_NG
        dsb
        mov     r0, #2
        mcr     p15, 0, r0, c8, c7, 2           @ TLBIASID 2 (the current ASID)
        dsb
        isb
        TRY     "remapped to page_a, TLBIASID 2", "MOV32 r1, VA_NG + 0x40; ldr r0, [r1]"
        MAP_PAGE VA_NG, page_b, P_NG
        TLBI_VA VA_NG | 2
        TRY     "remapped to page_b, TLBIMVA with ASID 2", "MOV32 r1, VA_NG + 0x40; ldr r0, [r1]"
        MAP_PAGE VA_NG, page_a, P_NG
        dsb
        mov     r0, #2
        mcr     p15, 0, r0, c8, c3, 2           @ TLBIASIDIS 2
        dsb
        isb
        TRY     "remapped to page_a, TLBIASIDIS 2", "MOV32 r1, VA_NG + 0x40; ldr r0, [r1]"
        MAP_PAGE VA_NG, page_b, P_NG
        dsb
        mov     r0, #3
        mcr     p15, 0, r0, c13, c0, 1          @ ASID 3: a new walk
        isb
        TRY     "remapped to page_b, ASID 3", "MOV32 r1, VA_NG + 0x40; ldr r0, [r1]"
        ATS     "ATS1CPR of the nG page", 0, VA_NG + 0x40
        mov     r0, #0
        mcr     p15, 0, r0, c13, c0, 1
        isb
        mrc     p15, 0, r0, c13, c0, 1
        SHOW    "CONTEXTIDR", r0

        POOL
        PUTS    "-- TEX remap\n"
        MOV32   r0, 0xff0a81a8
        mcr     p15, 0, r0, c10, c2, 0          @ PRRR
        MOV32   r0, 0x40e040e0
        mcr     p15, 0, r0, c10, c2, 1          @ NMRR
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_TRE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        mrc     p15, 0, r0, c10, c2, 0
        SHOW    "PRRR", r0
        mrc     p15, 0, r0, c10, c2, 1
        SHOW    "NMRR", r0
        mrc     p15, 0, r0, c1, c0, 0
        SHOW    "SCTLR", r0
        TRY     "TRE: read through AP=3 page", "MOV32 r1, VA_RW + 0x40; ldr r0, [r1]"
        TRY     "TRE: ldr AP=6 page", "MOV32 r1, VA_AP6; ldr r0, [r1]"
        TRY     "TRE: str AP=6 page", "MOV32 r1, VA_AP6; str r0, [r1]"
        ATS     "TRE: ATS1CPR AP=3 page", 0, VA_RW
        ATS     "TRE: ATS1CPR section", 0, VA_SEC + 0x777
        ATS     "TRE: ATS1CPW AP=6 page", 1, VA_AP6
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_TRE
        mcr     p15, 0, r0, c1, c0, 0
        isb

        POOL
        PUTS    "-- TTBCR\n"
        mov     r0, #0x37
        mcr     p15, 0, r0, c2, c0, 2
        mrc     p15, 0, r0, c2, c0, 2
        SHOW    "TTBCR after writing 0x37", r0
        mov     r0, #0
        mcr     p15, 0, r0, c2, c0, 2
        isb
        MOV32   r0, PHYS_SEC_A + 0x44
        MOV32   r1, 0x7777000a
        str     r1, [r0]
        MOV32   r0, PHYS_SEC_B + 0x44
        MOV32   r1, 0x7777000b
        str     r1, [r0]
        MAP_SECTION VA_LOW, PHYS_SEC_A, S_RW    @ in l1_table
        bl      build_small                     @ l1_small: VA_LOW -> PHYS_SEC_B, UART
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        isb
        TRY     "N=0: VA_LOW via TTBR0 = l1_table", "MOV32 r1, VA_LOW + 0x44; ldr r0, [r1]"
        mov     r0, #2
        mcr     p15, 0, r0, c2, c0, 2           @ N = 2: TTBR1 (l1_table) for VA >= 1 GiB
        isb
        ldr     r0, =l1_small
        mcr     p15, 0, r0, c2, c0, 0           @ TTBR0 = l1_small
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        isb
        TRY     "N=2: VA_LOW via TTBR0 = l1_small", "MOV32 r1, VA_LOW + 0x44; ldr r0, [r1]"
        TRY     "N=2: VA 0x80000000 via TTBR1", "MOV32 r1, VA_RW + 0x40; ldr r0, [r1]"
        ATS     "N=2: ATS1CPR VA_LOW", 0, VA_LOW + 0x44
        ATS     "N=2: ATS1CPR 0x30000000 (not in l1_small)", 0, 0x30000000
        TRY     "N=2: ldr 0x30000000", "MOV32 r1, 0x30000000; ldr r0, [r1]"
        ldr     r0, =l1_table
        mcr     p15, 0, r0, c2, c0, 0
        mov     r0, #0
        mcr     p15, 0, r0, c2, c0, 2
        mcr     p15, 0, r0, c8, c7, 0
        isb
        TRY     "N=0 again", "MOV32 r1, VA_LOW + 0x44; ldr r0, [r1]"
        mrc     p15, 0, r0, c2, c0, 2
        SHOW    "TTBCR", r0

        POOL
        PUTS    "-- MMU off\n"
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_M
        mcr     p15, 0, r0, c1, c0, 0
        isb
        ATS     "ATS1CPR 0x12345678", 0, 0x12345678
        ATS     "ATS1CUW 0xfffff001", 3, 0xfffff001
        TRY     "ldr page_b+0x40 (physical)", "ldr r1, =page_b + 0x40; ldr r0, [r1]"
        pop     {r4-r11, lr}
        bx      lr

@ build_tables: the l2_a pages, a large page, a section, a supersection.
build_tables:
        push    {r0-r2, lr}
        ldr     r0, =page_a
        MOV32   r1, 0xaaaa0040
        str     r1, [r0, #0x40]
        ldr     r0, =code_a
        mov     r1, #1
        bl      put_code
        MAP_PAGE VA_RW, page_a, P_RW
        MAP_PAGE VA_AP1, page_b, P_AP1
        MAP_PAGE VA_AP2, page_b, P_AP2
        MAP_PAGE VA_AP5, page_c, P_AP5
        MAP_PAGE VA_AP6, page_c, P_AP6
        MAP_PAGE VA_XN, code_a, P_XN
        MOV32   r0, VA_LARGE
        ldr     r1, =PHYS_SCRATCH + LARGE_RW
        mov     r2, #16
1:      bl      set_l2a
        add     r0, r0, #0x1000
        subs    r2, r2, #1
        bne     1b
        MAP_SECTION VA_SEC, PHYS_SEC_A, S_RW
        MAP_SECTION VA_DOM2, PHYS_SEC_A, S_DOM2
        MOV32   r0, VA_SUPER
        ldr     r1, =PHYS_SUPER_A + S_RW + (1 << 18)
        mov     r2, #16
2:      bl      set_l1
        add     r0, r0, #0x100000
        subs    r2, r2, #1
        bne     2b
        MOV32   r0, VA_L2EA
        ldr     r1, =UNASSIGNED + 0x1 + (6 << 5)
        bl      set_l1
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        dsb
        isb
        pop     {r0-r2, lr}
        bx      lr

@ build_small: l1_small maps the UART and VA_LOW.
build_small:
        push    {r0-r3, lr}
        ldr     r2, =l1_small
        MOV32   r0, UART_BASE
        ldr     r1, =UART_BASE + UART_SEC
        lsr     r3, r0, #20
        str     r1, [r2, r3, lsl #2]
        MOV32   r0, VA_LOW
        ldr     r1, =PHYS_SEC_B + S_RW
        lsr     r3, r0, #20
        str     r1, [r2, r3, lsl #2]
        pop     {r0-r3, lr}
        bx      lr
        .ltorg

        .data
marker: .word   0x600dc0de
