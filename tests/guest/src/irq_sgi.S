@ irq_sgi: software generated interrupts (GICD_SGIR) sent by the CPU to
@ itself and taken as IRQs: the three target filters, the pending state and
@ source CPU seen in GICD_SPENDSGIR/GICC_HPPIR/GICC_IAR, priority order, the
@ priority mask (GICC_PMR), the running priority, an SGI taken while IRQs are
@ enabled, and Group 0 interrupts signalled as FIQ (GICC_CTLR.FIQEn).
@ Nothing printed depends on how fast the host runs.
        .include "lib.inc"

        .equ GICD_BASE,       0x08000000
        .equ GICD_CTLR,       0x000
        .equ GICD_IGROUPR,    0x080
        .equ GICD_ISPENDR,    0x200
        .equ GICD_IPRIORITYR, 0x400
        .equ GICD_SGIR,       0xf00
        .equ GICD_SPENDSGIR,  0xf20
        .equ GICC_BASE,       0x08010000
        .equ GICC_CTLR,       0x00
        .equ GICC_PMR,        0x04
        .equ GICC_IAR,        0x0c
        .equ GICC_EOIR,       0x10
        .equ GICC_RPR,        0x14
        .equ GICC_HPPIR,      0x18

        .equ SGIR_SELF,       (2 << 24)         @ TargetListFilter: this CPU only
        .equ SGIR_OTHERS,     (1 << 24)         @ every CPU but this one
        .equ SGIR_CPU0,       (1 << 16)         @ target list: CPU 0
        .equ FIQ_MARK,        1000              @ added to the INTID of a FIQ in the log
        .equ LOG_MAX, 16

        .text
        .balign 32
vectors:
        b       default_vectors + 0x00
        b       default_vectors + 0x04
        b       default_vectors + 0x08
        b       default_vectors + 0x0c
        b       default_vectors + 0x10
        b       default_vectors + 0x14
        b       irq_handler
        b       fiq_handler

@ IRQ: acknowledge, log the IAR value and GICC_RPR, complete.
irq_handler:
        sub     lr, lr, #4
        push    {r0-r3, r12, lr}
        MOV32   r1, GICC_BASE
        ldr     r0, [r1, #GICC_IAR]
        bl      log_add
        ldr     r2, [r1, #GICC_RPR]
        ldr     r3, =last_rpr
        str     r2, [r3]
        ldr     r3, =1020
        cmp     r0, r3
        strlo   r0, [r1, #GICC_EOIR]
        ldmfd   sp!, {r0-r3, r12, pc}^

@ FIQ: the same, logging INTID + FIQ_MARK.
fiq_handler:
        sub     lr, lr, #4
        push    {r0-r3, r12, lr}
        MOV32   r1, GICC_BASE
        ldr     r0, [r1, #GICC_IAR]
        push    {r0}
        add     r0, r0, #FIQ_MARK
        bl      log_add
        pop     {r0}
        ldr     r3, =1020
        cmp     r0, r3
        strlo   r0, [r1, #GICC_EOIR]
        ldmfd   sp!, {r0-r3, r12, pc}^

@ log_add: append r0 to the log (r0 preserved; uses r2, r3, r12).
log_add:
        ldr     r2, =log_count
        ldr     r3, [r2]
        cmp     r3, #LOG_MAX
        bxhs    lr
        add     r12, r2, #4
        str     r0, [r12, r3, lsl #2]
        add     r3, r3, #1
        str     r3, [r2]
        bx      lr

log_reset:
        push    {r0, r1}
        mov     r0, #0
        ldr     r1, =log_count
        str     r0, [r1]
        pop     {r0, r1}
        bx      lr

@ log_print: print "IRQ log: v v ..." (FIQs show as INTID + 1000).
log_print:
        push    {r0-r3, lr}
        PUTS    "IRQ log:"
        ldr     r1, =log_count
        ldr     r2, [r1]
        add     r1, r1, #4
1:      subs    r2, r2, #1
        bmi     2f
        ldr     r0, [r1], #4
        PUTS    " "
        PUTDEC  r0
        b       1b
2:      PUTS    "\n"
        pop     {r0-r3, lr}
        bx      lr

@ wait_log: wait (with a bound) until the log holds r0 entries; r0 = 1 if it did.
wait_log:
        push    {r1, r2}
        ldr     r1, =log_count
        MOV32   r2, 1000000
1:      ldr     r12, [r1]
        cmp     r12, r0
        bhs     2f
        subs    r2, r2, #1
        bne     1b
        mov     r0, #0
        pop     {r1, r2}
        bx      lr
2:      mov     r0, #1
        pop     {r1, r2}
        bx      lr
        .ltorg

@ Take whatever IRQs are pending: unmask and mask again.
        .macro TAKE_IRQS
        cpsie   i
        nop
        cpsid   i
        .endm

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "irq_sgi: software generated interrupts and FIQ via the GIC\n"
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0          @ VBAR
        isb
        MOV32   r8, GICD_BASE
        MOV32   r9, GICC_BASE
        mov     r0, #1
        str     r0, [r8, #GICD_CTLR]
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]

        PUTS    "-- SGI 5 to this CPU (filter 2) while IRQs are masked\n"
        bl      log_reset
        MOV32   r0, SGIR_SELF | 5
        str     r0, [r8, #GICD_SGIR]
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0", r0
        ldr     r0, [r8, #GICD_SPENDSGIR + 4]
        SHOW    "GICD_SPENDSGIR1 (SGIs 4-7)", r0
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR", r0
        TAKE_IRQS
        bl      log_print
        ldr     r0, =last_rpr
        ldr     r0, [r0]
        SHOW    "GICC_RPR in the handler", r0
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0 afterwards", r0

        PUTS    "-- SGI 3 by target list (CPU 0), SGI 4 to the other CPUs (none)\n"
        bl      log_reset
        MOV32   r0, SGIR_CPU0 | 3
        str     r0, [r8, #GICD_SGIR]
        MOV32   r0, SGIR_OTHERS | 4
        str     r0, [r8, #GICD_SGIR]
        ldr     r0, [r8, #GICD_ISPENDR]
        SHOW    "GICD_ISPENDR0", r0
        TAKE_IRQS
        bl      log_print

        PUTS    "-- SGIs 1, 3, 7 pending at once; priorities 0x60, 0x60, 0x40\n"
        bl      log_reset
        mov     r0, #0x60
        strb    r0, [r8, #GICD_IPRIORITYR + 1]
        strb    r0, [r8, #GICD_IPRIORITYR + 3]
        mov     r0, #0x40
        strb    r0, [r8, #GICD_IPRIORITYR + 7]
        ldr     r0, [r8, #GICD_IPRIORITYR + 4]
        SHOW    "GICD_IPRIORITYR1 (SGIs 4-7)", r0
        MOV32   r0, SGIR_SELF | 3
        str     r0, [r8, #GICD_SGIR]
        MOV32   r0, SGIR_SELF | 7
        str     r0, [r8, #GICD_SGIR]
        MOV32   r0, SGIR_SELF | 1
        str     r0, [r8, #GICD_SGIR]
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR", r0
        TAKE_IRQS
        bl      log_print

        PUTS    "-- GICC_PMR 0x60 holds back SGI 1 (priority 0x60)\n"
        bl      log_reset
        mov     r0, #0x60
        str     r0, [r9, #GICC_PMR]
        MOV32   r0, SGIR_SELF | 1
        str     r0, [r8, #GICD_SGIR]
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR", r0
        TAKE_IRQS
        bl      log_print
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]
        TAKE_IRQS
        bl      log_print

        PUTS    "-- SGI 9 sent while IRQs are enabled\n"
        bl      log_reset
        cpsie   i
        MOV32   r0, SGIR_SELF | 9
        str     r0, [r8, #GICD_SGIR]
        mov     r0, #1
        bl      wait_log
        cpsid   i
        SHOW    "taken", r0
        bl      log_print

        PUTS    "-- FIQ: Group 0 SGI 6 with GICC_CTLR.FIQEn, Group 1 SGI 2 as IRQ\n"
        bl      log_reset
        mov     r0, #3                          @ EnableGrp0 | EnableGrp1
        str     r0, [r8, #GICD_CTLR]
        mov     r0, #0xf                        @ EnableGrp0 | EnableGrp1 | AckCtl | FIQEn
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #(1 << 2)                   @ SGI 2 in Group 1
        str     r0, [r8, #GICD_IGROUPR]
        ldr     r0, [r8, #GICD_IGROUPR]
        SHOW    "GICD_IGROUPR0", r0
        ldr     r0, [r9, #GICC_CTLR]
        SHOW    "GICC_CTLR", r0
        MOV32   r0, SGIR_SELF | 6
        str     r0, [r8, #GICD_SGIR]
        TAKE_IRQS                               @ FIQ still masked: nothing
        bl      log_print
        cpsie   f
        nop
        cpsid   f
        bl      log_print
        bl      log_reset
        MOV32   r0, SGIR_SELF | 2
        str     r0, [r8, #GICD_SGIR]
        cpsie   f                               @ Group 1: not a FIQ
        nop
        cpsid   f
        bl      log_print
        TAKE_IRQS
        bl      log_print
        PUTS    "-- both pending: only the higher priority one is signalled\n"
        bl      log_reset
        mov     r0, #0x20
        strb    r0, [r8, #GICD_IPRIORITYR + 2]
        MOV32   r0, SGIR_SELF | 2
        str     r0, [r8, #GICD_SGIR]
        MOV32   r0, SGIR_SELF | 6
        str     r0, [r8, #GICD_SGIR]
        ldr     r0, [r9, #GICC_HPPIR]
        SHOW    "GICC_HPPIR", r0
        cpsie   f                               @ SGI 6 (0x00) beats SGI 2 (0x20)
        nop
        cpsid   f
        bl      log_print
        TAKE_IRQS
        bl      log_print
        mov     r0, #0
        str     r0, [r8, #GICD_IGROUPR]
        mov     r0, #1
        str     r0, [r9, #GICC_CTLR]
        str     r0, [r8, #GICD_CTLR]

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
log_count:      .word 0
log_values:     .space 4 * LOG_MAX
last_rpr:       .word 0
