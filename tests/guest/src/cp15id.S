@ cp15id: which CP15 and CP14 registers exist, who may access them, what they
@ read as and how writes are masked, on QEMU's cortex-a15 (-M virt, no EL2/EL3).
@
@ Part 1 scans every MRC/MCR encoding (opc1, CRn, CRm, opc2) of p15 and p14 by
@ writing the instruction into a buffer and calling it: for each (CRn, opc1) it
@ prints a 128-bit map of the (CRm, opc2) encodings that did not trap, and for
@ reads a hash of the values (an MRC that is a NOP leaves 0xdeadbeef in Rt).
@ Passes: read at PL1, write at PL1 (the value read, else 0), read and write (0)
@ at PL0. The generic timer's down-counters and the system counter are left out
@ of the hashes (they depend on time). Part 2 does the same for MRRC/MCRR.
@ Part 3 writes all-ones (and other patterns) to registers with write masks and
@ side effects (PMU, debug, OS lock, TTBCR/TTBR/PAR formats, DACR aliases).
        .include "lib.inc"

        .equ INSN_MRC_P15, 0xee100f10   @ mrc p15, 0, r0, c0, c0, 0
        .equ INSN_MRC_P14, 0xee100e10   @ mrc p14, 0, r0, c0, c0, 0
        .equ INSN_MRRC_P15, 0xec510f00  @ mrrc p15, 0, r0, r1, c0
        .equ INSN_MRRC_P14, 0xec510e00  @ mrrc p14, 0, r0, r1, c0
        .equ INSN_BX_LR, 0xe12fff1e
        .equ INSN_L, (1 << 20)          @ MRC/MRRC (read) rather than MCR/MCRR
        .equ POISON, 0xdeadbeef

        .equ PASS_R1, 0                 @ read at PL1
        .equ PASS_W1, 1                 @ write at PL1
        .equ PASS_R0, 2                 @ read at PL0
        .equ PASS_W0, 3                 @ write at PL0

        .text
        .balign 32
vectors:
        b       unexpected
        b       und_handler
        b       svc_handler
        b       unexpected
        b       unexpected
        b       unexpected
        b       unexpected
        b       unexpected
unexpected:
        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "UNEXPECTED exception\n"
        b       psci_off
@ Undefined instruction: note it and skip the instruction.
und_handler:
        push    {r0}
        MOV32   r0, trapped
        str     r0, [r0]
        pop     {r0}
        movs    pc, lr
@ SVC: return to the caller in SVC mode (the way back from PL0).
svc_handler:
        push    {r0}
        mrs     r0, spsr
        bic     r0, r0, #PSR_MODE_MASK
        orr     r0, r0, #MODE_SVC
        msr     spsr_fsxc, r0
        pop     {r0}
        movs    pc, lr

@ try: run instruction r0 (with Rt = r0, Rt2 = r1) at PL0 if r2 != 0, else PL1.
@ In: r1 = initial r0 (the value an MCR writes), r3 = initial r1. Out: r0, r1 as
@ left by the instruction, r2 = 1 if it did not trap.
try:
        push    {r4, lr}
        MOV32   r4, codebuf
        str     r0, [r4]
        MOV32   r0, INSN_BX_LR
        str     r0, [r4, #4]
        dsb
        isb
        MOV32   r4, trapped
        mov     r0, #0
        str     r0, [r4]
        mov     r0, r1
        mov     r1, r3
        MOV32   ip, codebuf
        cmp     r2, #0
        beq     1f
        cps     #MODE_USR
        blx     ip
        svc     #0
        b       2f
1:      blx     ip
2:      ldr     r2, [r4]
        cmp     r2, #0
        moveq   r2, #1
        movne   r2, #0
        pop     {r4, lr}
        bx      lr

@ fold r0 into the scan hash (the value of a read) unless the encoding in r4 is
@ a timer register whose value depends on time.
fold_value:
        push    {r1, r2}
        MOV32   r1, 0x00ef0fef                  @ opc1, CRn, coproc, opc2, CRm
        and     r1, r4, r1
        MOV32   r2, 0x000e0f02                  @ p15 c14 op1=0 c2 0 (CNTP_TVAL)
        cmp     r1, r2
        MOV32   r2, 0x000e0f03                  @ p15 c14 op1=0 c3 0 (CNTV_TVAL)
        cmpne   r1, r2
        beq     1f
        MOV32   r1, scan_hash
        ldr     r2, [r1]
        HFOLD   r2, r0
        str     r2, [r1]
1:      pop     {r1, r2}
        bx      lr

@ scan32: r0 = base MRC instruction, r1 = pass, r2 = label string.
scan32:
        push    {r4-r11, lr}
        mov     r8, r0
        mov     r9, r1
        mov     r10, r2
        mov     r6, #0                          @ CRn << 3 | opc1
1:      MOV32   r0, scan_map
        mov     r1, #0
        str     r1, [r0]
        str     r1, [r0, #4]
        str     r1, [r0, #8]
        str     r1, [r0, #12]
        MOV32   r1, HASH_INIT
        str     r1, [r0, #16]
        mov     r7, #0                          @ CRm << 3 | opc2
2:      and     r0, r6, #7
        mov     r4, r0, lsl #21                 @ opc1
        mov     r0, r6, lsr #3
        orr     r4, r4, r0, lsl #16             @ CRn
        mov     r0, r7, lsr #3
        orr     r4, r4, r0                      @ CRm
        and     r0, r7, #7
        orr     r4, r4, r0, lsl #5              @ opc2
        orr     r4, r4, r8
        cmp     r9, #PASS_W1
        beq     3f
        cmp     r9, #PASS_W0
        beq     4f
        @ read passes
        mov     r0, r4
        MOV32   r1, POISON
        mov     r3, #0
        subs    r2, r9, #PASS_R0
        movne   r2, #0
        moveq   r2, #1
        bl      try
        cmp     r2, #0
        beq     6f
        bl      fold_value
        b       5f
3:      @ write at PL1: the value read first, 0 if unreadable
        mov     r0, r4
        MOV32   r1, POISON
        mov     r3, #0
        mov     r2, #0
        bl      try
        cmp     r2, #0
        moveq   r0, #0
        MOV32   r1, POISON
        cmp     r0, r1
        moveq   r0, #0
        mov     r1, r0
        bic     r0, r4, #INSN_L
        mov     r2, #0
        bl      try
        cmp     r2, #0
        beq     6f
        b       5f
4:      @ write 0 at PL0
        bic     r0, r4, #INSN_L
        mov     r1, #0
        mov     r3, #0
        mov     r2, #1
        bl      try
        cmp     r2, #0
        beq     6f
5:      @ mark (CRm, opc2) in the map
        MOV32   r0, scan_map
        mov     r1, r7, lsr #5
        ldr     r2, [r0, r1, lsl #2]
        and     r3, r7, #31
        mov     ip, #1
        orr     r2, r2, ip, lsl r3
        str     r2, [r0, r1, lsl #2]
6:      add     r7, r7, #1
        cmp     r7, #128
        blo     2b
        @ print the line if anything was accessible
        MOV32   r0, scan_map
        ldm     r0, {r1, r2, r3, ip}
        orr     r1, r1, r2
        orr     r1, r1, r3
        orrs    r1, r1, ip
        beq     7f
        mov     r0, r10
        bl      puts
        PUTS    " c"
        mov     r0, r6, lsr #3
        PUTDEC  r0
        PUTS    " op1="
        and     r0, r6, #7
        PUTDEC  r0
        PUTS    ":"
        MOV32   r5, scan_map
        mov     r11, #0
8:      ldr     r0, [r5, r11, lsl #2]
        PUTS    " "
        PUTHEX  r0
        add     r11, r11, #1
        cmp     r11, #4
        blo     8b
        cmp     r9, #PASS_R1
        cmpne   r9, #PASS_R0
        bne     9f
        ldr     r0, [r5, #16]
        PUTS    " hash "
        PUTHEX  r0
9:      PUTS    "\n"
7:      add     r6, r6, #1
        cmp     r6, #128
        blo     1b
        pop     {r4-r11, lr}
        bx      lr

@ scan64: r0 = base MRRC instruction, r1 = label string. Prints every opc1/CRm
@ that MRRC (R, with a value hash) or MCRR (W, writing back what was read) accepts.
scan64:
        push    {r4-r11, lr}
        mov     r8, r0
        mov     r10, r1
        mov     r6, #0                          @ opc1 << 4 | CRm
1:      orr     r4, r8, r6
        mov     r0, r4
        MOV32   r1, POISON
        MOV32   r3, POISON
        mov     r2, #0
        bl      try
        cmp     r2, #0
        beq     2f
        mov     r5, r0
        mov     r7, r1
        mov     r0, r10
        bl      puts
        PUTS    " R opc1="
        mov     r0, r6, lsr #4
        PUTDEC  r0
        PUTS    " c"
        and     r0, r6, #15
        PUTDEC  r0
        and     r0, r6, #15
        cmp     r0, #14                         @ the counters (CNTPCT, CNTVCT, CVALs)
        beq     3f
        PUTS    " = "
        PUTHEX  r7
        PUTHEX  r5
3:      PUTS    "\n"
        mov     r1, r5
        mov     r3, r7
        b       4f
2:      mov     r1, #0
        mov     r3, #0
4:      bic     r0, r4, #INSN_L
        mov     r2, #0
        bl      try
        cmp     r2, #0
        beq     5f
        mov     r0, r10
        bl      puts
        PUTS    " W opc1="
        mov     r0, r6, lsr #4
        PUTDEC  r0
        PUTS    " c"
        and     r0, r6, #15
        PUTDEC  r0
        PUTS    "\n"
5:      add     r6, r6, #1
        cmp     r6, #256
        blo     1b
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ Write \val to a register, read it back and print "name <- val: value".
        .macro WR name, cp, opc1, crn, crm, opc2, val
        MOV32   r1, \val
        mcr     \cp, \opc1, r1, \crn, \crm, \opc2
        isb
        MOV32   r0, POISON
        mrc     \cp, \opc1, r0, \crn, \crm, \opc2
        SHOW    "\name <- \val", r0
        .endm
@ Read a register and print "name: value".
        .macro RD name, cp, opc1, crn, crm, opc2
        MOV32   r0, POISON
        mrc     \cp, \opc1, r0, \crn, \crm, \opc2
        SHOW    "\name", r0
        .endm

masks:
        push    {r4, lr}
        PUTS    "-- write masks and side effects\n"
        WR      "DACR", p15, 0, c3, c0, 0, 0x55555555
        RD      "c3 op1=7 c15 7 (DACR alias)", p15, 7, c3, c15, 7
        WR      "c3 op1=3 c5 2 (DACR alias)", p15, 3, c3, c5, 2, 0x12345678
        RD      "DACR", p15, 0, c3, c0, 0
        WR      "DACR", p15, 0, c3, c0, 0, 0
        WR      "ACTLR", p15, 0, c1, c0, 1, 0xffffffff
        WR      "CPACR", p15, 0, c1, c0, 2, 0x00500000
        WR      "CPACR", p15, 0, c1, c0, 2, 0x80300000
        WR      "CPACR", p15, 0, c1, c0, 2, 0
        WR      "WFAR", p15, 0, c6, c0, 1, 0xffffffff
        WR      "ADFSR", p15, 0, c5, c1, 0, 0xffffffff
        WR      "AIFSR", p15, 0, c5, c1, 1, 0xffffffff
        WR      "FCSEIDR", p15, 0, c13, c0, 0, 0xffffffff
        WR      "FCSEIDR", p15, 0, c13, c0, 0, 0
        WR      "AMAIR0", p15, 0, c10, c3, 0, 0xffffffff
        WR      "AMAIR1", p15, 0, c10, c3, 1, 0xffffffff
        WR      "L2CTLR", p15, 1, c9, c0, 2, 0xffffffff
        WR      "L2ECTLR", p15, 1, c9, c0, 3, 0xffffffff
        WR      "c15 op1=0 c0 0", p15, 0, c15, c0, 0, 0xffffffff
        WR      "c15 op1=4 c0 1", p15, 4, c15, c0, 1, 0xffffffff
        RD      "CBAR", p15, 4, c15, c0, 0
        WR      "CSSELR", p15, 2, c0, c0, 0, 0x5
        RD      "CCSIDR (CSSELR=5)", p15, 1, c0, c0, 0
        WR      "CSSELR", p15, 2, c0, c0, 0, 0xf
        RD      "CCSIDR (CSSELR=15)", p15, 1, c0, c0, 0
        WR      "CSSELR", p15, 2, c0, c0, 0, 0
        WR      "VBAR", p15, 0, c12, c0, 0, 0x4010001f
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        RD      "ISR", p15, 0, c12, c1, 0
        @ PMU
        WR      "PMCR", p15, 0, c9, c12, 0, 0xffffffff
        WR      "PMCR", p15, 0, c9, c12, 0, 0
        WR      "PMCNTENSET", p15, 0, c9, c12, 1, 0xffffffff
        RD      "PMCNTENCLR", p15, 0, c9, c12, 2
        WR      "PMCNTENCLR", p15, 0, c9, c12, 2, 0xffffffff
        WR      "PMOVSR", p15, 0, c9, c12, 3, 0xffffffff
        WR      "PMSELR", p15, 0, c9, c12, 5, 0xffffffff
        WR      "PMSELR", p15, 0, c9, c12, 5, 0x3
        WR      "PMXEVTYPER (3)", p15, 0, c9, c13, 1, 0xffffffff
        WR      "PMXEVCNTR (3)", p15, 0, c9, c13, 2, 0x12345678
        WR      "PMSELR", p15, 0, c9, c12, 5, 0x1f
        WR      "PMXEVTYPER (31)", p15, 0, c9, c13, 1, 0xffffffff
        RD      "PMCCFILTR", p15, 0, c14, c15, 7
        WR      "PMSELR", p15, 0, c9, c12, 5, 0x7
        WR      "PMXEVTYPER (7)", p15, 0, c9, c13, 1, 0xffffffff
        WR      "PMXEVCNTR (7)", p15, 0, c9, c13, 2, 0xffffffff
        WR      "PMSELR", p15, 0, c9, c12, 5, 0x0
        RD      "PMEVTYPER3", p15, 0, c14, c12, 3
        RD      "PMEVCNTR3", p15, 0, c14, c8, 3
        WR      "PMEVCNTR5", p15, 0, c14, c8, 5, 0xffffffff
        WR      "PMEVTYPER5", p15, 0, c14, c12, 5, 0xffffffff
        WR      "PMCCFILTR", p15, 0, c14, c15, 7, 0xffffffff
        WR      "PMCCNTR", p15, 0, c9, c13, 0, 0x11223344
        WR      "PMINTENSET", p15, 0, c9, c14, 1, 0xffffffff
        WR      "PMINTENCLR", p15, 0, c9, c14, 2, 0x0000000f
        WR      "PMOVSSET", p15, 0, c9, c14, 3, 0xffffffff
        RD      "PMOVSR", p15, 0, c9, c12, 3
        WR      "PMCR (P, C: reset counters)", p15, 0, c9, c12, 0, 0x6
        RD      "PMCCNTR", p15, 0, c9, c13, 0
        RD      "PMEVCNTR5", p15, 0, c14, c8, 5
        WR      "PMUSERENR", p15, 0, c9, c14, 0, 0xffffffff
        cps     #MODE_USR
        MOV32   r1, 0xabcd
        mcr     p15, 0, r1, c9, c13, 0
        mrc     p15, 0, r0, c9, c13, 0
        mrc     p15, 0, r2, c9, c12, 5
        svc     #0
        SHOW    "PMCCNTR written at PL0 with PMUSERENR.EN", r0
        SHOW    "PMSELR read at PL0", r2
        mov     r1, #0
        mcr     p15, 0, r1, c9, c14, 0
        mvn     r1, #0
        mcr     p15, 0, r1, c9, c12, 3
        mcr     p15, 0, r1, c9, c14, 2
        mcr     p15, 0, r1, c9, c12, 2
        @ 64-bit views of TTBR0/TTBR1/PAR
        MOV32   r0, 0x11223344
        MOV32   r1, 0x55667788
        mcrr    p15, 0, r0, r1, c2
        RD      "TTBR0 after mcrr", p15, 0, c2, c0, 0
        MOV32   r0, 0xaaaaaaaa
        mcr     p15, 0, r0, c2, c0, 0
        mrrc    p15, 0, r2, r3, c2
        SHOW    "TTBR0 (64) low after mcr", r2
        SHOW    "TTBR0 (64) high after mcr", r3
        mvn     r0, #0
        mvn     r1, #0
        mcrr    p15, 1, r0, r1, c2
        mrrc    p15, 1, r2, r3, c2
        SHOW    "TTBR1 (64) low", r2
        SHOW    "TTBR1 (64) high", r3
        mcrr    p15, 0, r0, r1, c7
        RD      "PAR after mcrr all-ones", p15, 0, c7, c4, 0
        WR      "PAR", p15, 0, c7, c4, 0, 0x12345678
        mrrc    p15, 0, r2, r3, c7
        SHOW    "PAR (64) high after mcr", r3
        mov     r0, #0
        mov     r1, #0
        mcrr    p15, 0, r0, r1, c2
        mcrr    p15, 1, r0, r1, c2
        mcrr    p15, 0, r0, r1, c7
        WR      "TTBCR", p15, 0, c2, c0, 2, 0x80000000
        WR      "TTBCR", p15, 0, c2, c0, 2, 0x0000003f
        WR      "TTBCR", p15, 0, c2, c0, 2, 0
        @ debug and ThumbEE
        WR      "DBGBVR0", p14, 0, c0, c0, 4, 0xffffffff
        WR      "DBGBCR0", p14, 0, c0, c0, 5, 0xffffffff
        WR      "DBGWVR0", p14, 0, c0, c0, 6, 0xffffffff
        WR      "DBGWCR0", p14, 0, c0, c0, 7, 0xffffffff
        WR      "DBGBVR5", p14, 0, c0, c5, 4, 0xffffffff
        WR      "DBGWCR3", p14, 0, c0, c3, 7, 0xffffffff
        WR      "DBGDSCRext", p14, 0, c0, c2, 2, 0xffffffff
        RD      "DBGDSCRint", p14, 0, c0, c1, 0
        WR      "DBGDSCRext", p14, 0, c0, c2, 2, 0
        WR      "DBGDCCINT (NOP)", p14, 0, c0, c2, 0, 0xffffffff
        WR      "DBGVCR (NOP)", p14, 0, c0, c7, 0, 0xffffffff
        RD      "DBGOSLSR", p14, 0, c1, c1, 4
        MOV32   r1, 0xc5acce55
        mcr     p14, 0, r1, c1, c0, 4
        RD      "DBGOSLSR after locking", p14, 0, c1, c1, 4
        mov     r1, #0
        mcr     p14, 0, r1, c1, c0, 4
        RD      "DBGOSLSR after unlocking", p14, 0, c1, c1, 4
        WR      "DBGOSDLR", p14, 0, c1, c3, 4, 0xffffffff
        WR      "TEECR", p14, 6, c0, c0, 0, 0xffffffff
        WR      "TEEHBR", p14, 6, c1, c0, 0, 0xffffffff
        cps     #MODE_USR
        MOV32   r0, POISON
        mrc     p14, 6, r0, c1, c0, 0
        svc     #0
        SHOW    "TEEHBR read at PL0 with TEECR.XED", r0
        WR      "TEECR", p14, 6, c0, c0, 0, 0
        WR      "JOSCR", p14, 7, c1, c0, 0, 0xffffffff
        WR      "JMCR", p14, 7, c2, c0, 0, 0xffffffff
        pop     {r4, lr}
        bx      lr

        .global main
main:
        push    {r4, lr}
        PUTS    "cp15id: coprocessor register space of the Cortex-A15\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "-- 32-bit registers: map of (CRm, opc2) accessible per CRn, opc1\n"
        MOV32   r0, INSN_MRC_P15
        mov     r1, #PASS_R1
        MOV32   r2, s_p15_r1
        bl      scan32
        MOV32   r0, INSN_MRC_P15
        mov     r1, #PASS_W1
        MOV32   r2, s_p15_w1
        bl      scan32
        MOV32   r0, INSN_MRC_P15
        mov     r1, #PASS_R0
        MOV32   r2, s_p15_r0
        bl      scan32
        MOV32   r0, INSN_MRC_P15
        mov     r1, #PASS_W0
        MOV32   r2, s_p15_w0
        bl      scan32
        MOV32   r0, INSN_MRC_P14
        mov     r1, #PASS_R1
        MOV32   r2, s_p14_r1
        bl      scan32
        MOV32   r0, INSN_MRC_P14
        mov     r1, #PASS_W1
        MOV32   r2, s_p14_w1
        bl      scan32
        MOV32   r0, INSN_MRC_P14
        mov     r1, #PASS_R0
        MOV32   r2, s_p14_r0
        bl      scan32
        MOV32   r0, INSN_MRC_P14
        mov     r1, #PASS_W0
        MOV32   r2, s_p14_w0
        bl      scan32
        PUTS    "-- 64-bit registers\n"
        MOV32   r0, INSN_MRRC_P15
        MOV32   r1, s_p15
        bl      scan64
        MOV32   r0, INSN_MRRC_P14
        MOV32   r1, s_p14
        bl      scan64
        bl      masks
        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        pop     {r4, lr}
        bx      lr
        .ltorg

        .section .rodata
s_p15_r1:       .asciz "p15 read PL1"
s_p15_w1:       .asciz "p15 write PL1"
s_p15_r0:       .asciz "p15 read PL0"
s_p15_w0:       .asciz "p15 write PL0"
s_p14_r1:       .asciz "p14 read PL1"
s_p14_w1:       .asciz "p14 write PL1"
s_p14_r0:       .asciz "p14 read PL0"
s_p14_w0:       .asciz "p14 write PL0"
s_p15:          .asciz "p15"
s_p14:          .asciz "p14"

        .data
        .balign 4096
codebuf:        .space 4096                     @ a page of its own: writes here hit code
trapped:        .word 0
scan_map:       .space 16
scan_hash:      .word 0
