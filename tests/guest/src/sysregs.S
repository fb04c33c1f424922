@ sysregs: reset values of the Cortex-A15 identification and control
@ registers as QEMU's cortex-a15 model reports them (-M virt: no Security or
@ Virtualization Extensions exposed), and write/read-back of writable ones.
        .include "lib.inc"

@ Read CP15 register (opc1, CRn, CRm, opc2) and print "name: value".
        .macro CP15 name, opc1, crn, crm, opc2
        mrc     p15, \opc1, r0, \crn, \crm, \opc2
        SHOW    "\name", r0
        .endm

@ Write \val to a CP15 register, read it back and print it.
        .macro CP15WR name, opc1, crn, crm, opc2, val
        MOV32   r1, \val
        mcr     p15, \opc1, r1, \crn, \crm, \opc2
        isb
        mrc     p15, \opc1, r0, \crn, \crm, \opc2
        SHOW    "\name after writing \val", r0
        .endm

        .text
        .global main
main:
        push    {r4, lr}
        PUTS    "sysregs: Cortex-A15 ID and control registers\n"
        MOV32   r4, boot_sctlr
        ldr     r0, [r4]
        SHOW    "SCTLR at entry", r0
        CP15    "MIDR", 0, c0, c0, 0
        CP15    "CTR", 0, c0, c0, 1
        CP15    "TCMTR", 0, c0, c0, 2
        CP15    "TLBTR", 0, c0, c0, 3
        CP15    "MPIDR", 0, c0, c0, 5
        CP15    "REVIDR", 0, c0, c0, 6
        CP15    "MIDR alias (opc2=4)", 0, c0, c0, 4
        CP15    "MIDR alias (opc2=7)", 0, c0, c0, 7
        CP15    "ID_PFR0", 0, c0, c1, 0
        CP15    "ID_PFR1", 0, c0, c1, 1
        CP15    "ID_DFR0", 0, c0, c1, 2
        CP15    "ID_AFR0", 0, c0, c1, 3
        CP15    "ID_MMFR0", 0, c0, c1, 4
        CP15    "ID_MMFR1", 0, c0, c1, 5
        CP15    "ID_MMFR2", 0, c0, c1, 6
        CP15    "ID_MMFR3", 0, c0, c1, 7
        CP15    "ID_ISAR0", 0, c0, c2, 0
        CP15    "ID_ISAR1", 0, c0, c2, 1
        CP15    "ID_ISAR2", 0, c0, c2, 2
        CP15    "ID_ISAR3", 0, c0, c2, 3
        CP15    "ID_ISAR4", 0, c0, c2, 4
        CP15    "ID_ISAR5", 0, c0, c2, 5
        CP15    "CLIDR", 1, c0, c0, 1
        CP15    "AIDR", 1, c0, c0, 7
        CP15    "CSSELR", 2, c0, c0, 0
        CP15    "CCSIDR (CSSELR=0)", 1, c0, c0, 0
        mov     r0, #1
        mcr     p15, 2, r0, c0, c0, 0
        isb
        CP15    "CSSELR", 2, c0, c0, 0
        CP15    "CCSIDR (CSSELR=1, L1 I)", 1, c0, c0, 0
        mov     r0, #2
        mcr     p15, 2, r0, c0, c0, 0
        isb
        CP15    "CCSIDR (CSSELR=2, L2)", 1, c0, c0, 0
        mov     r0, #0
        mcr     p15, 2, r0, c0, c0, 0
        isb
        CP15    "SCTLR", 0, c1, c0, 0
        CP15    "ACTLR", 0, c1, c0, 1
        CP15    "CPACR", 0, c1, c0, 2
        CP15    "TTBR0", 0, c2, c0, 0
        CP15    "TTBR1", 0, c2, c0, 1
        CP15    "TTBCR", 0, c2, c0, 2
        CP15    "DACR", 0, c3, c0, 0
        CP15    "DFSR", 0, c5, c0, 0
        CP15    "IFSR", 0, c5, c0, 1
        CP15    "ADFSR", 0, c5, c1, 0
        CP15    "AIFSR", 0, c5, c1, 1
        CP15    "DFAR", 0, c6, c0, 0
        CP15    "IFAR", 0, c6, c0, 2
        CP15    "PAR", 0, c7, c4, 0
        CP15    "PRRR", 0, c10, c2, 0
        CP15    "NMRR", 0, c10, c2, 1
        mrc     p15, 0, r0, c12, c0, 0
        MOV32   r1, default_vectors
        sub     r0, r0, r1
        SHOW    "VBAR minus the library's vector table (set by _start)", r0
        CP15    "FCSEIDR", 0, c13, c0, 0
        CP15    "CONTEXTIDR", 0, c13, c0, 1
        CP15    "TPIDRURW", 0, c13, c0, 2
        CP15    "TPIDRURO", 0, c13, c0, 3
        CP15    "TPIDRPRW", 0, c13, c0, 4
        CP15    "CNTFRQ", 0, c14, c0, 0
        CP15    "CNTKCTL", 0, c14, c1, 0
        CP15    "CNTP_CTL", 0, c14, c2, 1
        CP15    "CNTV_CTL", 0, c14, c3, 1
        CP15    "L2CTLR", 1, c9, c0, 2
        CP15    "L2ECTLR", 1, c9, c0, 3
        CP15    "CBAR", 4, c15, c0, 0

        PUTS    "-- writable registers\n"
        CP15WR  "TTBR0", 0, c2, c0, 0, 0x12345fff
        CP15WR  "TTBR1", 0, c2, c0, 1, 0xfedcbfff
        CP15WR  "TTBCR", 0, c2, c0, 2, 0x00000037
        CP15WR  "TTBCR", 0, c2, c0, 2, 0x00000007
        CP15WR  "TTBCR", 0, c2, c0, 2, 0x00000000
        CP15WR  "DACR", 0, c3, c0, 0, 0x55555555
        CP15WR  "DACR", 0, c3, c0, 0, 0xffffffff
        CP15WR  "DFSR", 0, c5, c0, 0, 0x00000c1d
        CP15WR  "IFSR", 0, c5, c0, 1, 0x0000100d
        CP15WR  "DFAR", 0, c6, c0, 0, 0x87654321
        CP15WR  "IFAR", 0, c6, c0, 2, 0x13579bdf
        CP15WR  "PRRR", 0, c10, c2, 0, 0xff0a81a8
        CP15WR  "NMRR", 0, c10, c2, 1, 0x40e040e0
        CP15WR  "VBAR", 0, c12, c0, 0, 0xffffffe0
        CP15WR  "VBAR", 0, c12, c0, 0, 0x40100000
        CP15WR  "CONTEXTIDR", 0, c13, c0, 1, 0xffffffff
        CP15WR  "TPIDRURW", 0, c13, c0, 2, 0xaaaa5555
        CP15WR  "TPIDRURO", 0, c13, c0, 3, 0x5555aaaa
        CP15WR  "TPIDRPRW", 0, c13, c0, 4, 0x01234567
        CP15WR  "CSSELR", 2, c0, c0, 0, 1
        CP15WR  "CSSELR", 2, c0, c0, 0, 0
        CP15WR  "CPACR", 0, c1, c0, 2, 0xcfffffff
        CP15WR  "CPACR", 0, c1, c0, 2, 0x00500000
        CP15WR  "CNTKCTL", 0, c14, c1, 0, 0x00000303
        CP15WR  "CNTKCTL", 0, c14, c1, 0, 0
        @ SCTLR: set and clear bits that do not change how this program runs
        CP15WR  "SCTLR", 0, c1, c0, 0, 0x00c51878
        CP15WR  "SCTLR", 0, c1, c0, 0, 0x00c50478
        CP15WR  "SCTLR", 0, c1, c0, 0, 0x00c50078
        @ restore registers that matter to the library
        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        @ VFP identification, with cp10/cp11 enabled
        mov     r0, #(0xf << 20)
        mcr     p15, 0, r0, c1, c0, 2
        isb
        vmrs    r0, fpsid
        SHOW    "FPSID", r0
        vmrs    r0, mvfr0
        SHOW    "MVFR0", r0
        vmrs    r0, mvfr1
        SHOW    "MVFR1", r0
        vmrs    r0, fpexc
        SHOW    "FPEXC", r0
        mov     r0, #0x40000000
        vmsr    fpexc, r0
        vmrs    r0, fpscr
        SHOW    "FPSCR", r0
        pop     {r4, lr}
        bx      lr
        .ltorg
