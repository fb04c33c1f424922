@ mmu_faults: every short-descriptor fault kind with the MMU on, printed as the
@ abort handlers see them (DFSR/DFAR for data aborts, IFSR/IFAR for prefetch
@ aborts): translation (section, page), domain (section, page; manager
@ domains), permission for each AP[2:0] from SVC and User mode and for
@ LDRT/STRT, XN and PXN (section and page table), the access flag with
@ SCTLR.AFE, alignment with SCTLR.A, and external aborts on the table walk.
        .include "mmu_common.inc"

        .equ VA_PAGES, VA_L2A           @ l2_a: one page per AP value
        .equ VA_RW,    VA_L2A + 0x0000  @ AP=3  full access
        .equ VA_NOPG,  VA_L2A + 0x1000  @ no mapping (translation fault, level 2)
        .equ VA_AP1,   VA_L2A + 0x2000  @ AP=1  privileged RW
        .equ VA_AP2,   VA_L2A + 0x3000  @ AP=2  privileged RW, user RO
        .equ VA_AP5,   VA_L2A + 0x4000  @ AP=5  privileged RO
        .equ VA_AP6,   VA_L2A + 0x5000  @ AP=6  RO
        .equ VA_AP0,   VA_L2A + 0x6000  @ AP=0  no access
        .equ VA_XN,    VA_L2A + 0x7000  @ AP=3, XN (code_a)
        .equ VA_CODE,  VA_L2A + 0x8000  @ AP=3 (code_a)
        .equ VA_PCODE, VA_L2A + 0x9000  @ AP=1 (code_a)
        .equ VA_AP7,   VA_L2A + 0xa000  @ AP=7  RO
        .equ VA_AP4,   VA_L2A + 0xb000  @ AP=4  reserved
        .equ VA_DOM3,  0x80100000       @ page table in domain 3 (no access)
        .equ VA_DOM2,  0x80200000       @ section in domain 2 (no access, later manager)
        .equ VA_SAP0,  0x80300000       @ section AP=0, domain 4
        .equ VA_SAP5,  0x80400000       @ section AP=5, domain 5
        .equ VA_SXN,   0x80500000       @ section XN over the image's MiB
        .equ VA_SPXN,  0x80600000       @ section PXN over the image's MiB
        .equ VA_SAF,   0x80700000       @ section AP=2 (AF clear with AFE), domain 6
        .equ VA_TPXN,  0x80800000       @ page table with PXN (l2_c), domain 0
        .equ VA_L2EA,  0x80900000       @ page table at an unassigned address, domain 6
        .equ VA_NONE,  0xa0000000       @ no mapping (translation fault, level 1)
        .equ IMAGE_MB, 0x40100000

        SMALL_ATTR P_RW, 3
        SMALL_ATTR P_AP1, 1
        SMALL_ATTR P_AP2, 2
        SMALL_ATTR P_AP5, 5
        SMALL_ATTR P_AP6, 6
        SMALL_ATTR P_AP0, 0
        SMALL_ATTR P_AP7, 7
        SMALL_ATTR P_AP4, 4
        SMALL_ATTR P_XN, 3, 1
        SECTION_ATTR S_DOM2, 0, 2       @ AP=0: only a manager domain can use it
        SECTION_ATTR S_AP0, 0, 4
        SECTION_ATTR S_AP5, 5, 5
        SECTION_ATTR S_XN, 3, 0, 1
        SECTION_ATTR S_PXN, 3, 0, 0, 0, 1
        SECTION_ATTR S_AF0, 2, 6

@ r4 = address of ret_seven (in this image) through section \base.
        .macro FUNC_VIA base
        ldr     r4, =ret_seven - IMAGE_MB + \base
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
        PUTS    "mmu_faults: fault status and address for each fault kind\n"
        bl      mmu_setup
        bl      build_tables

        POOL
        PUTS    "-- translation faults\n"
        TRY     "ldr, no section", "MOV32 r1, VA_NONE + 0x44; ldr r0, [r1]"
        TRY     "str, no section", "MOV32 r1, VA_NONE + 0x48; str r0, [r1]"
        TRY     "ldr, no page (domain 1)", "MOV32 r1, VA_NOPG + 0x10; ldr r0, [r1]"
        TRY     "strb, no page", "MOV32 r1, VA_NOPG + 0x11; strb r0, [r1]"
        CALL    "bx to no section", VA_NONE + 0x100
        CALL    "bx to no page", VA_NOPG + 0x200

        POOL
        PUTS    "-- domain faults\n"
        TRY     "ldr, page table in domain 3", "MOV32 r1, VA_DOM3 + 0x1230; ldr r0, [r1]"
        TRY     "ldr, section in domain 2", "MOV32 r1, VA_DOM2 + 0x4560; ldr r0, [r1]"
        TRY     "str, section in domain 2", "MOV32 r1, VA_DOM2 + 0x4564; str r0, [r1]"
        CALL    "bx to section in domain 2", VA_DOM2
        MOV32   r0, DACR_INIT | (3 << 4)        @ domain 2: manager
        mcr     p15, 0, r0, c3, c0, 0
        isb
        TRY     "domain 2 manager: str to AP=0 section", "MOV32 r1, VA_DOM2 + 0x4564; MOV32 r0, 0x3a3a; str r0, [r1]"
        TRY     "domain 2 manager: ldr from AP=0 section", "MOV32 r1, VA_DOM2 + 0x4564; ldr r0, [r1]"
        MOV32   r0, DACR_INIT | (2 << 4)        @ domain 2: reserved (faults like no access)
        mcr     p15, 0, r0, c3, c0, 0
        isb
        TRY     "domain 2 reserved value: ldr", "MOV32 r1, VA_DOM2 + 0x4564; ldr r0, [r1]"
        MOV32   r0, DACR_INIT | (3 << 2)        @ domain 1 (l2_a) manager
        mcr     p15, 0, r0, c3, c0, 0
        isb
        TRY     "domain 1 manager: str to AP=0 page", "MOV32 r1, VA_AP0; MOV32 r0, 0x4b4b; str r0, [r1]"
        CALL    "domain 1 manager: bx to XN page", VA_XN
        MOV32   r0, DACR_INIT
        mcr     p15, 0, r0, c3, c0, 0
        isb
        TRY     "back to client: ldr from AP=0 page", "MOV32 r1, VA_AP0; ldr r0, [r1]"

        POOL
        PUTS    "-- permissions from SVC mode\n"
        TRY     "ldr AP=3", "MOV32 r1, VA_RW; ldr r0, [r1]"
        TRY     "str AP=1", "MOV32 r1, VA_AP1; str r0, [r1]"
        TRY     "str AP=2", "MOV32 r1, VA_AP2; str r0, [r1]"
        TRY     "ldr AP=5", "MOV32 r1, VA_AP5; ldr r0, [r1]"
        TRY     "str AP=5", "MOV32 r1, VA_AP5 + 8; str r0, [r1]"
        TRY     "str AP=6", "MOV32 r1, VA_AP6 + 12; str r0, [r1]"
        TRY     "str AP=7", "MOV32 r1, VA_AP7 + 16; str r0, [r1]"
        TRY     "ldr AP=7", "MOV32 r1, VA_AP7; ldr r0, [r1]"
        TRY     "ldr AP=0", "MOV32 r1, VA_AP0 + 4; ldr r0, [r1]"
        TRY     "ldr AP=4", "MOV32 r1, VA_AP4 + 4; ldr r0, [r1]"
        TRY     "ldr section AP=0", "MOV32 r1, VA_SAP0 + 0x123; ldrb r0, [r1]"
        TRY     "str section AP=5", "MOV32 r1, VA_SAP5 + 0x124; str r0, [r1]"
        TRY     "ldr section AP=5", "MOV32 r1, VA_SAP5 + 0x124; ldr r0, [r1]"
        TRY     "ldrt AP=1", "MOV32 r1, VA_AP1; ldrt r0, [r1]"
        TRY     "ldrt AP=2", "MOV32 r1, VA_AP2; ldrt r0, [r1]"
        TRY     "strt AP=2", "MOV32 r1, VA_AP2; strt r0, [r1]"
        TRY     "strbt AP=5", "MOV32 r1, VA_AP5 + 3; strbt r0, [r1]"
        TRY     "ldr then str in one ldm/stm pair", "MOV32 r1, VA_AP5; ldm r1, {r0, r2}; stm r1, {r0, r2}"
        CALL    "bx to AP=3 page", VA_CODE
        CALL    "bx to AP=1 page", VA_PCODE
        CALL    "bx to XN page", VA_XN
        FUNC_VIA VA_SXN
        CALLR   "bx to XN section"
        FUNC_VIA VA_SXN
        TRY     "ldr from XN section", "ldr r0, [r4]"
        FUNC_VIA VA_SPXN
        CALLR   "bx to PXN section"
        CALL    "bx to PXN page table", VA_TPXN
        TRY     "ldr via PXN page table", "MOV32 r1, VA_TPXN; ldr r0, [r1]"

        POOL
        PUTS    "-- permissions from User mode\n"
        ENTER_USER
        TRY     "usr ldr AP=3", "MOV32 r1, VA_RW; ldr r0, [r1]"
        TRY     "usr ldr AP=1", "MOV32 r1, VA_AP1 + 0x20; ldr r0, [r1]"
        TRY     "usr ldr AP=2", "MOV32 r1, VA_AP2; ldr r0, [r1]"
        TRY     "usr str AP=2", "MOV32 r1, VA_AP2 + 0x24; str r0, [r1]"
        TRY     "usr ldr AP=5", "MOV32 r1, VA_AP5; ldr r0, [r1]"
        TRY     "usr ldr AP=6", "MOV32 r1, VA_AP6; ldr r0, [r1]"
        TRY     "usr strh AP=6", "MOV32 r1, VA_AP6 + 0x26; strh r0, [r1]"
        TRY     "usr ldr AP=7", "MOV32 r1, VA_AP7; ldr r0, [r1]"
        TRY     "usr ldr section AP=5", "MOV32 r1, VA_SAP5; ldr r0, [r1]"
        TRY     "usr ldr no page", "MOV32 r1, VA_NOPG; ldr r0, [r1]"
        TRY     "usr ldr domain 3", "MOV32 r1, VA_DOM3; ldr r0, [r1]"
        CALL    "usr bx to AP=3 page", VA_CODE
        CALL    "usr bx to AP=1 page", VA_PCODE
        CALL    "usr bx to XN page", VA_XN
        CALLR   "usr bx to PXN section"
        CALL    "usr bx to PXN page table", VA_TPXN
        svc     #0
        mrs     r0, cpsr
        and     r0, r0, #PSR_MODE_MASK
        SHOW    "back in mode", r0

        POOL
        PUTS    "-- access flag (SCTLR.AFE)\n"
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_AFE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        mrc     p15, 0, r0, c1, c0, 0
        SHOW    "SCTLR", r0
        TRY     "ldr AP=3 (AF set)", "MOV32 r1, VA_RW; ldr r0, [r1]"
        TRY     "ldr AP=2 (AF clear)", "MOV32 r1, VA_AP2 + 4; ldr r0, [r1]"
        TRY     "str AP=6 (AF clear)", "MOV32 r1, VA_AP6 + 4; str r0, [r1]"
        TRY     "str AP=5 (AF set, privileged RO)", "MOV32 r1, VA_AP5 + 4; str r0, [r1]"
        TRY     "str AP=1 (AF set, privileged RW)", "MOV32 r1, VA_AP1 + 4; str r0, [r1]"
        TRY     "str AP=7 (AF set, RO)", "MOV32 r1, VA_AP7 + 4; str r0, [r1]"
        TRY     "ldr section AP=2 (AF clear)", "MOV32 r1, VA_SAF + 4; ldr r0, [r1]"
        TRY     "ldr AP=0 (AF clear)", "MOV32 r1, VA_AP0 + 4; ldr r0, [r1]"
        CALL    "bx to XN page (AF set)", VA_XN
        MAP_PAGE VA_XN, code_a, P_XN & ~(1 << 4)  @ XN with AF clear
        TLBI_VA VA_XN
        CALL    "bx to XN page (AF clear)", VA_XN
        MAP_PAGE VA_CODE, code_a, P_AP2
        TLBI_VA VA_CODE
        CALL    "bx to AP=2 page (AF clear)", VA_CODE
        ENTER_USER
        TRY     "usr ldr AP=1 (AF set, privileged only)", "MOV32 r1, VA_AP1 + 4; ldr r0, [r1]"
        TRY     "usr ldr AP=7 (AF set, RO)", "MOV32 r1, VA_AP7 + 4; ldr r0, [r1]"
        TRY     "usr ldr AP=2 (AF clear)", "MOV32 r1, VA_AP2 + 4; ldr r0, [r1]"
        svc     #0
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_AFE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        TRY     "AFE off: ldr AP=2", "MOV32 r1, VA_AP2 + 4; ldr r0, [r1]"
        CALL    "AFE off: bx to AP=2 page", VA_CODE

        POOL
        PUTS    "-- alignment (SCTLR.A)\n"
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb
        TRY     "ldr +1", "MOV32 r1, VA_RW + 1; ldr r0, [r1]"
        TRY     "str +2", "MOV32 r1, VA_RW + 2; str r0, [r1]"
        TRY     "ldrh +1", "MOV32 r1, VA_RW + 0x11; ldrh r0, [r1]"
        TRY     "strh +3", "MOV32 r1, VA_RW + 0x13; strh r0, [r1]"
        TRY     "ldrb +1", "MOV32 r1, VA_RW + 1; ldrb r0, [r1]"
        TRY     "ldr +1 with no section", "MOV32 r1, VA_NONE + 1; ldr r0, [r1]"
        TRY     "str +1 to AP=6", "MOV32 r1, VA_AP6 + 1; str r0, [r1]"
        TRY     "ldr aligned, no section", "MOV32 r1, VA_NONE + 4; ldr r0, [r1]"
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_A
        mcr     p15, 0, r0, c1, c0, 0
        isb
        TRY     "A off: ldr +1", "MOV32 r1, VA_RW + 1; ldr r0, [r1]"
        TRY     "A off: ldr +0xffe into no page", "MOV32 r1, VA_RW + 0xffe; ldr r0, [r1]"
        TRY     "A off: str +0xffd into no page", "MOV32 r1, VA_RW + 0xffd; str r0, [r1]"
        TRY     "A off: ldrh +0xfff into no page", "MOV32 r1, VA_RW + 0xfff; ldrh r0, [r1]"

        POOL
        PUTS    "-- external aborts on the table walk\n"
        TRY     "ldr, level 2 table unassigned", "MOV32 r1, VA_L2EA + 0x3210; ldr r0, [r1]"
        TRY     "str, level 2 table unassigned", "MOV32 r1, VA_L2EA + 0x3214; str r0, [r1]"
        CALL    "bx, level 2 table unassigned", VA_L2EA
        mov     r0, #1
        mcr     p15, 0, r0, c2, c0, 2           @ TTBCR.N = 1: TTBR1 above 2 GiB
        MOV32   r0, UNASSIGNED
        mcr     p15, 0, r0, c2, c0, 1           @ TTBR1 unassigned
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        isb
        TRY     "ldr, TTBR1 table unassigned", "MOV32 r1, VA_RW; ldr r0, [r1]"
        TRY     "str, TTBR1 table unassigned", "MOV32 r1, VA_NONE; str r0, [r1]"
        CALL    "bx, TTBR1 table unassigned", VA_CODE
        TRY     "ldr below 2 GiB still works", "ldr r1, =marker; ldr r0, [r1]"
        ldr     r0, =l1_table
        mcr     p15, 0, r0, c2, c0, 1
        mov     r0, #0
        mcr     p15, 0, r0, c2, c0, 2
        mcr     p15, 0, r0, c8, c7, 0
        isb
        TRY     "TTBCR.N = 0 again", "MOV32 r1, VA_RW; ldr r0, [r1]"
        pop     {r4-r11, lr}
        bx      lr

ret_seven:
        mov     r0, #7
        bx      lr

@ build_tables: the l2_a pages, the domain-3 and PXN page tables, the sections.
build_tables:
        push    {r0-r2, lr}
        ldr     r0, =page_c
        MOV32   r1, 0xc0c0c0c0
        str     r1, [r0]
        str     r1, [r0, #4]
        ldr     r0, =code_a
        mov     r1, #1
        bl      put_code
        MAP_PAGE VA_RW, page_c, P_RW
        MAP_PAGE VA_AP1, page_c, P_AP1
        MAP_PAGE VA_AP2, page_c, P_AP2
        MAP_PAGE VA_AP5, page_c, P_AP5
        MAP_PAGE VA_AP6, page_c, P_AP6
        MAP_PAGE VA_AP0, page_c, P_AP0
        MAP_PAGE VA_AP7, page_c, P_AP7
        MAP_PAGE VA_AP4, page_c, P_AP4
        MAP_PAGE VA_XN, code_a, P_XN
        MAP_PAGE VA_CODE, code_a, P_RW
        MAP_PAGE VA_PCODE, code_a, P_AP1
        @ l2_b (domain 3) and l2_c (PXN) map their first page onto page_c / code_a.
        ldr     r0, =l2_b
        ldr     r1, =page_c + P_RW
        str     r1, [r0]
        ldr     r0, =l2_c
        ldr     r1, =code_a + P_RW
        str     r1, [r0]
        MOV32   r0, VA_DOM3
        ldr     r1, =l2_b + 0x1 + (3 << 5)
        bl      set_l1
        MOV32   r0, VA_TPXN
        ldr     r1, =l2_c + 0x1 + (1 << 2)
        bl      set_l1
        MOV32   r0, VA_L2EA
        ldr     r1, =UNASSIGNED + 0x1 + (6 << 5)
        bl      set_l1
        MAP_SECTION VA_DOM2, PHYS_SEC_A, S_DOM2
        MAP_SECTION VA_SAP0, PHYS_SEC_A, S_AP0
        MAP_SECTION VA_SAP5, PHYS_SEC_A, S_AP5
        MAP_SECTION VA_SXN, IMAGE_MB, S_XN
        MAP_SECTION VA_SPXN, IMAGE_MB, S_PXN
        MAP_SECTION VA_SAF, PHYS_SEC_A, S_AF0
        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0
        mcr     p15, 0, r0, c7, c5, 0
        dsb
        isb
        pop     {r0-r2, lr}
        bx      lr
        .ltorg

        .data
marker:      .word 0x600dc0de
