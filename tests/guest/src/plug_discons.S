@ plug_discons: one of each control-flow discontinuity a plugin can observe,
@ at known addresses (global function symbols, so tests can find them): SVC,
@ an undefined instruction, BKPT (prefetch abort), a data abort on an
@ unassigned address, a PSCI call through HVC (a host call), and an SGI taken
@ as an IRQ right after `cpsie i`. Every handler counts its exception and
@ returns to the instruction after the one that trapped.
        .include "lib.inc"

        .equ GICD_BASE,       0x08000000
        .equ GICD_CTLR,       0x000
        .equ GICD_SGIR,       0xf00
        .equ GICC_BASE,       0x08010000
        .equ GICC_CTLR,       0x00
        .equ GICC_PMR,        0x04
        .equ GICC_IAR,        0x0c
        .equ GICC_EOIR,       0x10
        .equ SGIR_SELF,       (2 << 24)         @ TargetListFilter: this CPU only
        .equ UNASSIGNED,      0x50000000        @ above RAM with -m 256: external abort

        @ Offsets of the counters in `counts`.
        .equ C_UND,  0
        .equ C_SVC,  4
        .equ C_PABT, 8
        .equ C_DABT, 12
        .equ C_IRQ,  16

@ Declare a global function symbol for \name at the current address.
        .macro MARK name
        .global \name
        .type   \name, %function
\name:
        .endm

@ Add one to counter \off (uses r0, r1; the caller saved them).
        .macro COUNT off
        ldr     r0, =counts
        ldr     r1, [r0, #\off]
        add     r1, r1, #1
        str     r1, [r0, #\off]
        .endm

        .text
        .balign 32
        MARK    plug_vectors
        b       .                               @ reset: never taken
        b       und_handler
        b       svc_handler
        b       pabt_handler
        b       dabt_handler
        b       .                               @ hyp trap: never taken
        b       irq_handler
        b       .                               @ FIQ: never taken

und_handler:                                    @ LR = UDF + 4
        push    {r0, r1}
        COUNT   C_UND
        pop     {r0, r1}
        movs    pc, lr
svc_handler:                                    @ LR = SVC + 4
        push    {r0, r1}
        COUNT   C_SVC
        pop     {r0, r1}
        movs    pc, lr
pabt_handler:                                   @ LR = BKPT + 4
        push    {r0, r1}
        COUNT   C_PABT
        pop     {r0, r1}
        movs    pc, lr
dabt_handler:                                   @ LR = faulting insn + 8
        push    {r0, r1}
        COUNT   C_DABT
        pop     {r0, r1}
        subs    pc, lr, #4
irq_handler:                                    @ LR = next insn + 4
        push    {r0, r1}
        MOV32   r1, GICC_BASE
        ldr     r0, [r1, #GICC_IAR]
        str     r0, [r1, #GICC_EOIR]
        COUNT   C_IRQ
        pop     {r0, r1}
        subs    pc, lr, #4
        .ltorg

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "plug_discons: SVC, UDF, BKPT, data abort, PSCI HVC, IRQ\n"
        MOV32   r0, plug_vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        MOV32   r8, GICD_BASE
        MOV32   r9, GICC_BASE
        mov     r0, #1
        str     r0, [r8, #GICD_CTLR]
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]
        MOV32   r4, UNASSIGNED
        MOV32   r5, PSCI_VERSION

        MARK    at_svc
        svc     #0x12
        MARK    at_udf
        udf     #0x34
        MARK    at_bkpt
        bkpt    #0x56
        MARK    at_dabt
        ldr     r6, [r4]
        mov     r0, r5
        MARK    at_hvc
        hvc     #0
        MARK    after_hvc
        mov     r7, r0
        MOV32   r0, SGIR_SELF | 3
        str     r0, [r8, #GICD_SGIR]
        MARK    at_cpsie
        cpsie   i
        MARK    at_irq
        nop
        cpsid   i

        SHOW    "PSCI_VERSION", r7
        ldr     r10, =counts
        ldr     r0, [r10, #C_SVC]
        SHOW    "SVC taken", r0
        ldr     r0, [r10, #C_UND]
        SHOW    "UND taken", r0
        ldr     r0, [r10, #C_PABT]
        SHOW    "PABT taken", r0
        ldr     r0, [r10, #C_DABT]
        SHOW    "DABT taken", r0
        ldr     r0, [r10, #C_IRQ]
        SHOW    "IRQ taken", r0
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
counts: .word   0, 0, 0, 0, 0
