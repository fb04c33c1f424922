@ contrib_traps: a known number of exceptions and interrupts for the traps plugin
@ (tests/contrib/traps_test.ts): SVC_N supervisor calls, UDF_N undefined instructions and
@ IRQ_N software generated interrupts (SGI 3 sent to this CPU through GICD_SGIR and taken
@ as IRQs), counted by the handlers and printed.
        .include "lib.inc"

        .equ SVC_N, 10
        .equ UDF_N, 3
        .equ IRQ_N, 5

        .equ GICD_BASE,  0x08000000
        .equ GICD_CTLR,  0x000
        .equ GICD_SGIR,  0xf00
        .equ GICC_BASE,  0x08010000
        .equ GICC_CTLR,  0x00
        .equ GICC_PMR,   0x04
        .equ GICC_IAR,   0x0c
        .equ GICC_EOIR,  0x10
        .equ SGIR_SELF,  (2 << 24)              @ TargetListFilter: this CPU only
        .equ SGI_ID,     3

        .text
        .balign 32
vectors:
        b       default_vectors + 0x00
        b       und_handler
        b       svc_handler
        b       default_vectors + 0x0c
        b       default_vectors + 0x10
        b       default_vectors + 0x14
        b       irq_handler
        b       default_vectors + 0x1c

@ count: add 1 to the word at \var (uses r0, r1).
        .macro COUNT var
        ldr     r0, =\var
        ldr     r1, [r0]
        add     r1, r1, #1
        str     r1, [r0]
        .endm

@ UDF and SVC: count, return to the next instruction (LR = the instruction + 4).
und_handler:
        push    {r0, r1}
        COUNT   und_count
        pop     {r0, r1}
        movs    pc, lr

svc_handler:
        push    {r0, r1}
        COUNT   svc_count
        pop     {r0, r1}
        movs    pc, lr

@ IRQ: acknowledge, count SGI_ID, complete.
irq_handler:
        sub     lr, lr, #4
        push    {r0, r1, r2, lr}
        MOV32   r2, GICC_BASE
        ldr     r0, [r2, #GICC_IAR]
        str     r0, [r2, #GICC_EOIR]
        cmp     r0, #SGI_ID
        bne     1f
        COUNT   irq_count
1:      ldmfd   sp!, {r0, r1, r2, pc}^
        .ltorg

        .global main
main:
        push    {r4, r5, r6, lr}
        PUTS    "contrib_traps\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        MOV32   r4, GICD_BASE
        MOV32   r5, GICC_BASE
        mov     r0, #1
        str     r0, [r4, #GICD_CTLR]
        str     r0, [r5, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r5, #GICC_PMR]

        mov     r6, #SVC_N
1:      svc     #0x42
        subs    r6, r6, #1
        bne     1b

        mov     r6, #UDF_N
2:      udf     #7
        subs    r6, r6, #1
        bne     2b

        mov     r6, #IRQ_N
        MOV32   r0, SGIR_SELF | SGI_ID
3:      str     r0, [r4, #GICD_SGIR]
        cpsie   i
        nop
        cpsid   i
        subs    r6, r6, #1
        bne     3b

        ldr     r0, =svc_count
        ldr     r0, [r0]
        SHOW    "svc", r0
        ldr     r0, =und_count
        ldr     r0, [r0]
        SHOW    "und", r0
        ldr     r0, =irq_count
        ldr     r0, [r0]
        SHOW    "irq", r0
        pop     {r4, r5, r6, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
svc_count:      .word 0
und_count:      .word 0
irq_count:      .word 0
