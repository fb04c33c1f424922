@ thumb_it: IT blocks. Every IT mask with several first conditions (even and
@ odd, so the else slots invert the condition), 16- and 32-bit instructions in
@ them, flags changed inside a block, branches ending a block, a loop around
@ an IT block. Then exceptions taken inside IT blocks, with the ITSTATE saved
@ in SPSR and restored by the exception return: SVC (the state after it), UDF
@ (16- and 32-bit: the state at it), a data abort and an alignment fault,
@ BKPT (unconditional even in an IT block), an IRQ (SGI) taken right after an
@ MSR that unmasks it in the middle of a block, and a handler that returns
@ into an IT state the code never set up with an IT instruction.
        .include "lib.inc"
        .include "thumb.inc"

        .equ ITER, 64
        .equ UNASSIGNED, 0x50000000

        .equ GICD_BASE,  0x08000000
        .equ GICD_CTLR,  0x000
        .equ GICD_SGIR,  0xf00
        .equ GICC_BASE,  0x08010000
        .equ GICC_CTLR,  0x00
        .equ GICC_PMR,   0x04
        .equ GICC_IAR,   0x0c
        .equ GICC_EOIR,  0x10
        .equ SGIR_SELF,  (2 << 24)

        .equ REC_TYPE, 0
        .equ REC_LR, 4
        .equ REC_SPSR, 8
        .equ REC_FSR, 12
        .equ REC_FAR, 16
        .equ REC_IRQ, 20

@ An IT case: r3 is the result, NZCV the conditions.
        .macro I insn
        TCASE   "\insn", ITER, 0xf0000000, 0xf0000000, 0x0000
        .endm

@ Every IT mask for several first conditions; each slot adds its own bit.
        I       "it eq; addeq r3, r3, #1"
        I       "itt eq; addeq r3, r3, #1; eoreq r3, r3, #2"
        I       "ite eq; addeq r3, r3, #1; eorne r3, r3, #2"
        I       "ittt eq; addeq r3, r3, #1; eoreq r3, r3, #2; orreq.w r3, r3, #4"
        I       "itte eq; addeq r3, r3, #1; eoreq r3, r3, #2; orrne.w r3, r3, #4"
        I       "itet eq; addeq r3, r3, #1; eorne r3, r3, #2; orreq.w r3, r3, #4"
        I       "itee eq; addeq r3, r3, #1; eorne r3, r3, #2; orrne.w r3, r3, #4"
        I       "itttt eq; addeq r3, r3, #1; eoreq r3, r3, #2; orreq.w r3, r3, #4; subeq r3, r3, #8"
        I       "ittte eq; addeq r3, r3, #1; eoreq r3, r3, #2; orreq.w r3, r3, #4; subne r3, r3, #8"
        I       "ittet eq; addeq r3, r3, #1; eoreq r3, r3, #2; orrne.w r3, r3, #4; subeq r3, r3, #8"
        I       "ittee eq; addeq r3, r3, #1; eoreq r3, r3, #2; orrne.w r3, r3, #4; subne r3, r3, #8"
        I       "itett eq; addeq r3, r3, #1; eorne r3, r3, #2; orreq.w r3, r3, #4; subeq r3, r3, #8"
        I       "itete eq; addeq r3, r3, #1; eorne r3, r3, #2; orreq.w r3, r3, #4; subne r3, r3, #8"
        I       "iteet eq; addeq r3, r3, #1; eorne r3, r3, #2; orrne.w r3, r3, #4; subeq r3, r3, #8"
        I       "iteee eq; addeq r3, r3, #1; eorne r3, r3, #2; orrne.w r3, r3, #4; subne r3, r3, #8"
        I       "it ne; addne r3, r3, #1"
        I       "itt ne; addne r3, r3, #1; eorne r3, r3, #2"
        I       "ite ne; addne r3, r3, #1; eoreq r3, r3, #2"
        I       "ittt ne; addne r3, r3, #1; eorne r3, r3, #2; orrne.w r3, r3, #4"
        I       "itte ne; addne r3, r3, #1; eorne r3, r3, #2; orreq.w r3, r3, #4"
        I       "itet ne; addne r3, r3, #1; eoreq r3, r3, #2; orrne.w r3, r3, #4"
        I       "itee ne; addne r3, r3, #1; eoreq r3, r3, #2; orreq.w r3, r3, #4"
        I       "itttt ne; addne r3, r3, #1; eorne r3, r3, #2; orrne.w r3, r3, #4; subne r3, r3, #8"
        I       "ittte ne; addne r3, r3, #1; eorne r3, r3, #2; orrne.w r3, r3, #4; subeq r3, r3, #8"
        I       "ittet ne; addne r3, r3, #1; eorne r3, r3, #2; orreq.w r3, r3, #4; subne r3, r3, #8"
        I       "ittee ne; addne r3, r3, #1; eorne r3, r3, #2; orreq.w r3, r3, #4; subeq r3, r3, #8"
        I       "itett ne; addne r3, r3, #1; eoreq r3, r3, #2; orrne.w r3, r3, #4; subne r3, r3, #8"
        I       "itete ne; addne r3, r3, #1; eoreq r3, r3, #2; orrne.w r3, r3, #4; subeq r3, r3, #8"
        I       "iteet ne; addne r3, r3, #1; eoreq r3, r3, #2; orreq.w r3, r3, #4; subne r3, r3, #8"
        I       "iteee ne; addne r3, r3, #1; eoreq r3, r3, #2; orreq.w r3, r3, #4; subeq r3, r3, #8"
        I       "it cs; addcs r3, r3, #1"
        I       "itt cs; addcs r3, r3, #1; eorcs r3, r3, #2"
        I       "ite cs; addcs r3, r3, #1; eorcc r3, r3, #2"
        I       "ittt cs; addcs r3, r3, #1; eorcs r3, r3, #2; orrcs.w r3, r3, #4"
        I       "itte cs; addcs r3, r3, #1; eorcs r3, r3, #2; orrcc.w r3, r3, #4"
        I       "itet cs; addcs r3, r3, #1; eorcc r3, r3, #2; orrcs.w r3, r3, #4"
        I       "itee cs; addcs r3, r3, #1; eorcc r3, r3, #2; orrcc.w r3, r3, #4"
        I       "itttt cs; addcs r3, r3, #1; eorcs r3, r3, #2; orrcs.w r3, r3, #4; subcs r3, r3, #8"
        I       "ittte cs; addcs r3, r3, #1; eorcs r3, r3, #2; orrcs.w r3, r3, #4; subcc r3, r3, #8"
        I       "ittet cs; addcs r3, r3, #1; eorcs r3, r3, #2; orrcc.w r3, r3, #4; subcs r3, r3, #8"
        I       "ittee cs; addcs r3, r3, #1; eorcs r3, r3, #2; orrcc.w r3, r3, #4; subcc r3, r3, #8"
        I       "itett cs; addcs r3, r3, #1; eorcc r3, r3, #2; orrcs.w r3, r3, #4; subcs r3, r3, #8"
        I       "itete cs; addcs r3, r3, #1; eorcc r3, r3, #2; orrcs.w r3, r3, #4; subcc r3, r3, #8"
        I       "iteet cs; addcs r3, r3, #1; eorcc r3, r3, #2; orrcc.w r3, r3, #4; subcs r3, r3, #8"
        I       "iteee cs; addcs r3, r3, #1; eorcc r3, r3, #2; orrcc.w r3, r3, #4; subcc r3, r3, #8"
        I       "it lt; addlt r3, r3, #1"
        I       "itt lt; addlt r3, r3, #1; eorlt r3, r3, #2"
        I       "ite lt; addlt r3, r3, #1; eorge r3, r3, #2"
        I       "ittt lt; addlt r3, r3, #1; eorlt r3, r3, #2; orrlt.w r3, r3, #4"
        I       "itte lt; addlt r3, r3, #1; eorlt r3, r3, #2; orrge.w r3, r3, #4"
        I       "itet lt; addlt r3, r3, #1; eorge r3, r3, #2; orrlt.w r3, r3, #4"
        I       "itee lt; addlt r3, r3, #1; eorge r3, r3, #2; orrge.w r3, r3, #4"
        I       "itttt lt; addlt r3, r3, #1; eorlt r3, r3, #2; orrlt.w r3, r3, #4; sublt r3, r3, #8"
        I       "ittte lt; addlt r3, r3, #1; eorlt r3, r3, #2; orrlt.w r3, r3, #4; subge r3, r3, #8"
        I       "ittet lt; addlt r3, r3, #1; eorlt r3, r3, #2; orrge.w r3, r3, #4; sublt r3, r3, #8"
        I       "ittee lt; addlt r3, r3, #1; eorlt r3, r3, #2; orrge.w r3, r3, #4; subge r3, r3, #8"
        I       "itett lt; addlt r3, r3, #1; eorge r3, r3, #2; orrlt.w r3, r3, #4; sublt r3, r3, #8"
        I       "itete lt; addlt r3, r3, #1; eorge r3, r3, #2; orrlt.w r3, r3, #4; subge r3, r3, #8"
        I       "iteet lt; addlt r3, r3, #1; eorge r3, r3, #2; orrge.w r3, r3, #4; sublt r3, r3, #8"
        I       "iteee lt; addlt r3, r3, #1; eorge r3, r3, #2; orrge.w r3, r3, #4; subge r3, r3, #8"
        I       "it hi; addhi r3, r3, #1"
        I       "itt hi; addhi r3, r3, #1; eorhi r3, r3, #2"
        I       "ite hi; addhi r3, r3, #1; eorls r3, r3, #2"
        I       "ittt hi; addhi r3, r3, #1; eorhi r3, r3, #2; orrhi.w r3, r3, #4"
        I       "itte hi; addhi r3, r3, #1; eorhi r3, r3, #2; orrls.w r3, r3, #4"
        I       "itet hi; addhi r3, r3, #1; eorls r3, r3, #2; orrhi.w r3, r3, #4"
        I       "itee hi; addhi r3, r3, #1; eorls r3, r3, #2; orrls.w r3, r3, #4"
        I       "itttt hi; addhi r3, r3, #1; eorhi r3, r3, #2; orrhi.w r3, r3, #4; subhi r3, r3, #8"
        I       "ittte hi; addhi r3, r3, #1; eorhi r3, r3, #2; orrhi.w r3, r3, #4; subls r3, r3, #8"
        I       "ittet hi; addhi r3, r3, #1; eorhi r3, r3, #2; orrls.w r3, r3, #4; subhi r3, r3, #8"
        I       "ittee hi; addhi r3, r3, #1; eorhi r3, r3, #2; orrls.w r3, r3, #4; subls r3, r3, #8"
        I       "itett hi; addhi r3, r3, #1; eorls r3, r3, #2; orrhi.w r3, r3, #4; subhi r3, r3, #8"
        I       "itete hi; addhi r3, r3, #1; eorls r3, r3, #2; orrhi.w r3, r3, #4; subls r3, r3, #8"
        I       "iteet hi; addhi r3, r3, #1; eorls r3, r3, #2; orrls.w r3, r3, #4; subhi r3, r3, #8"
        I       "iteee hi; addhi r3, r3, #1; eorls r3, r3, #2; orrls.w r3, r3, #4; subls r3, r3, #8"
        I       "it vc; addvc r3, r3, #1"
        I       "itt vc; addvc r3, r3, #1; eorvc r3, r3, #2"
        I       "ite vc; addvc r3, r3, #1; eorvs r3, r3, #2"
        I       "ittt vc; addvc r3, r3, #1; eorvc r3, r3, #2; orrvc.w r3, r3, #4"
        I       "itte vc; addvc r3, r3, #1; eorvc r3, r3, #2; orrvs.w r3, r3, #4"
        I       "itet vc; addvc r3, r3, #1; eorvs r3, r3, #2; orrvc.w r3, r3, #4"
        I       "itee vc; addvc r3, r3, #1; eorvs r3, r3, #2; orrvs.w r3, r3, #4"
        I       "itttt vc; addvc r3, r3, #1; eorvc r3, r3, #2; orrvc.w r3, r3, #4; subvc r3, r3, #8"
        I       "ittte vc; addvc r3, r3, #1; eorvc r3, r3, #2; orrvc.w r3, r3, #4; subvs r3, r3, #8"
        I       "ittet vc; addvc r3, r3, #1; eorvc r3, r3, #2; orrvs.w r3, r3, #4; subvc r3, r3, #8"
        I       "ittee vc; addvc r3, r3, #1; eorvc r3, r3, #2; orrvs.w r3, r3, #4; subvs r3, r3, #8"
        I       "itett vc; addvc r3, r3, #1; eorvs r3, r3, #2; orrvc.w r3, r3, #4; subvc r3, r3, #8"
        I       "itete vc; addvc r3, r3, #1; eorvs r3, r3, #2; orrvc.w r3, r3, #4; subvs r3, r3, #8"
        I       "iteet vc; addvc r3, r3, #1; eorvs r3, r3, #2; orrvs.w r3, r3, #4; subvc r3, r3, #8"
        I       "iteee vc; addvc r3, r3, #1; eorvs r3, r3, #2; orrvs.w r3, r3, #4; subvs r3, r3, #8"

@ Flags changed inside the block, 32-bit and 16-bit mixes, branches.
        I       "itt eq; cmpeq r0, r1; addeq r3, r3, #1"
        I       "ite mi; cmnmi r0, r1; cmppl r1, r0"
        I       "itete gt; addsgt.w r3, r0, r1; subsle.w r3, r0, r1; adcgt r3, r3, r2; sbcle r3, r3, r2"
        I       "ittt cs; movcs r3, r0; lslcs r3, r3, #4; addcs.w r3, r3, #0x12000"
        I       "it eq; beq 1f; adds r3, #1; 1: adds r3, #2"
        I       "it ne; bne.w 1f; adds r3, #1; 1: adds r3, #2"
        I       "itt cc; movcc r3, #5; bcc 1f; adds r3, #1; 1: adds r3, #2"
        I       "mov r3, #0; mov ip, #9; 1: tst ip, #1; ite ne; addne r3, r0; subeq r3, r1; subs ip, #1; bne 1b"
        I       "it gt; bxgt lr; movs r3, #3"
        I       "mov r3, r0; itt vs; movvs r3, r1; bvs 1f; eor r3, r3, r2; 1:"
        I       "mov r3, #0; cmp r0, r1; itte lo; addlo r3, #1; cmplo r2, r1; addhs r3, #2"

        .text
        .balign 32
vectors:
        b       unexp
        b       und_handler
        b       svc_handler
        b       pabt_handler
        b       dabt_handler
        b       unexp
        b       irq_handler
        b       unexp

unexp:
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "UNEXPECTED vector\n"
        b       psci_off

@ Record exception \type, LR and SPSR (keeps every register).
        .macro RECORD type
        push    {r0, r1}
        ldr     r0, =rec
        mov     r1, #\type
        str     r1, [r0, #REC_TYPE]
        str     lr, [r0, #REC_LR]
        mrs     r1, spsr
        str     r1, [r0, #REC_SPSR]
        pop     {r0, r1}
        .endm

@ SVC: return after it. SVC #0x77 from Thumb first replaces SPSR.IT with the
@ low byte of r2 (a return into an IT block nobody opened).
svc_handler:
        RECORD  2
        push    {r0, r1}
        mrs     r0, spsr
        tst     r0, #PSR_T
        beq     1f
        ldrb    r1, [lr, #-2]
        cmp     r1, #0x77
        bne     1f
        bic     r0, r0, #0x06000000
        bic     r0, r0, #0xfc00
        and     r1, r2, #3
        orr     r0, r0, r1, lsl #25
        and     r1, r2, #0xfc
        orr     r0, r0, r1, lsl #8
        msr     spsr_fsxc, r0
1:      pop     {r0, r1}
        movs    pc, lr

@ it_advance: r0 = the PSR in r0 with its IT state advanced past one
@ instruction (ARM ARM ITAdvance), as a handler that skips an instruction must.
it_advance:
        push    {r1, r2}
        and     r1, r0, #0xfc00
        lsr     r1, r1, #8
        ubfx    r2, r0, #25, #2
        orr     r1, r1, r2                      @ r1 = IT[7:0]
        tst     r1, #7
        moveq   r1, #0
        andne   r2, r1, #0xe0
        lslne   r1, r1, #1
        andne   r1, r1, #0x1f
        orrne   r1, r1, r2
        bic     r0, r0, #0x06000000
        bic     r0, r0, #0xfc00
        and     r2, r1, #3
        orr     r0, r0, r2, lsl #25
        and     r2, r1, #0xfc
        orr     r0, r0, r2, lsl #8
        pop     {r1, r2}
        bx      lr

@ Undefined: return after the instruction (LR is insn + 2 in Thumb, whatever
@ the size: skip the second halfword of a 32-bit one), advancing the IT state.
und_handler:
        RECORD  1
        push    {r0, r1, lr}
        mrs     r0, spsr
        tst     r0, #PSR_T
        beq     1f
        ldrh    r1, [lr, #-2]
        cmp     r1, #0xe800
        addhs   r1, lr, #2
        movlo   r1, lr
        str     r1, [sp, #8]
        bl      it_advance
        msr     spsr_fsxc, r0
1:      pop     {r0, r1, lr}
        movs    pc, lr

@ Prefetch abort (BKPT, 16-bit): record IFSR and continue after it.
pabt_handler:
        RECORD  3
        push    {r0, r1, lr}
        ldr     r0, =rec
        mrc     p15, 0, r1, c5, c0, 1
        str     r1, [r0, #REC_FSR]
        mrs     r0, spsr
        bl      it_advance
        msr     spsr_fsxc, r0
        pop     {r0, r1, lr}
        subs    pc, lr, #2

@ Data abort: record DFSR/DFAR and continue after the faulting (Thumb)
@ instruction, advancing the IT state.
dabt_handler:
        RECORD  4
        push    {r0, r1, lr}
        ldr     r0, =rec
        mrc     p15, 0, r1, c5, c0, 0
        str     r1, [r0, #REC_FSR]
        mrc     p15, 0, r1, c6, c0, 0
        str     r1, [r0, #REC_FAR]
        sub     lr, lr, #8
        ldrh    r1, [lr]
        cmp     r1, #0xe800
        addhs   lr, lr, #4
        addlo   lr, lr, #2
        str     lr, [sp, #8]
        mrs     r0, spsr
        bl      it_advance
        msr     spsr_fsxc, r0
        pop     {r0, r1, lr}
        movs    pc, lr

@ IRQ: acknowledge and complete the interrupt, note its id, return.
irq_handler:
        sub     lr, lr, #4
        RECORD  6
        push    {r0, r1, r2}
        MOV32   r1, GICC_BASE
        ldr     r0, [r1, #GICC_IAR]
        str     r0, [r1, #GICC_EOIR]
        ldr     r2, =rec
        str     r0, [r2, #REC_IRQ]
        pop     {r0, r1, r2}
        movs    pc, lr
        .ltorg

@ Run the Thumb test \fn; print "\name:", r0-r3 and the exception it took
@ (LR relative to \fn).
        .macro RUN name, fn
        PUTS    "\name:"
        bl      rec_clear
        blx     \fn
        push    {r4}
        ldr     r4, =\fn
        bl      show
        pop     {r4}
        .endm

rec_clear:
        push    {r0, r1, r2}
        ldr     r0, =rec
        mov     r1, #0
        mov     r2, #6
1:      str     r1, [r0], #4
        subs    r2, r2, #1
        bne     1b
        pop     {r0, r1, r2}
        bx      lr

@ show: print r0-r3 and the record; r4 = the test's address.
show:
        push    {r0-r5, lr}
        mov     r5, r0
        PUTS    " r0="
        PUTHEX  r5
        PUTS    " r1="
        PUTHEX  r1
        PUTS    " r2="
        PUTHEX  r2
        PUTS    " r3="
        PUTHEX  r3
        ldr     r5, =rec
        ldr     r0, [r5, #REC_TYPE]
        cmp     r0, #0
        beq     9f
        PUTS    " exc="
        PUTDEC  r0
        ldr     r0, [r5, #REC_LR]
        sub     r0, r0, r4
        PUTS    " lr=fn+"
        PUTHEX  r0
        ldr     r0, [r5, #REC_SPSR]
        PUTS    " spsr="
        PUTHEX  r0
        ldr     r0, [r5, #REC_FSR]
        PUTS    " fsr="
        PUTHEX  r0
        ldr     r0, [r5, #REC_FAR]
        PUTS    " far="
        PUTHEX  r0
        ldr     r0, [r5, #REC_IRQ]
        PUTS    " irq="
        PUTHEX  r0
9:      PUTS    "\n"
        pop     {r0-r5, lr}
        bx      lr
        .ltorg

@ ---------------------------------------------------------------- Thumb tests
        .thumb
        .balign 4
        .thumb_func
t_svc:
        push    {lr}
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #0
        itete   eq
        moveq   r0, #1
        svcne   #1
        svceq   #2
        movne   r1, #1
        it      eq
        moveq   r2, #5
        pop     {pc}

        .balign 4
        .thumb_func
t_svc_last:
        push    {lr}
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #1
        ittt    ne
        movne   r1, #1
        movne   r2, #2
        svcne   #3
        movs    r3, #7
        pop     {pc}

        .balign 4
        .thumb_func
t_svc_skipped:
        push    {lr}
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #1
        itte    eq
        moveq   r1, #1
        svceq   #4
        movne   r2, #2
        pop     {pc}

@ SVC #0x77 returns into IT state r2 (low byte); then plain (non-IT) code.
        .macro INJECT name, state
        .balign 4
        .thumb_func
\name:
        push    {lr}
        movs    r0, #0
        movs    r1, #0
        movs    r3, #0
        movw    r2, #\state
        cmp     r0, #0
        svc     #0x77
        adds    r0, #1
        adds    r1, #2
        add.w   r3, r3, #4
        adds    r3, #8
        pop     {pc}
        .endm
        INJECT  t_inject_14, 0x14
        INJECT  t_inject_08, 0x08
        INJECT  t_inject_0f, 0x0f
        INJECT  t_inject_1a, 0x1a
        INJECT  t_inject_e4, 0xe4

        .balign 4
        .thumb_func
t_udf:
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #1
        ittet   ne
        movne   r1, #1
        .inst.n 0xde07
        moveq   r2, #2
        movne   r3, #3
        bx      lr

        .balign 4
        .thumb_func
t_udf_w:
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #1
        itt     ne
        .inst.w 0xf7f1a123
        movne   r1, #1
        movs    r2, #2
        bx      lr

        .balign 4
        .thumb_func
t_udf_skipped:
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #1
        itet    eq
        .inst.n 0xde07
        movne   r1, #1
        .inst.w 0xf7f1a123
        movs    r2, #2
        bx      lr

        .balign 4
        .thumb_func
t_dabt:
        push    {r4}
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        mov     r4, #UNASSIGNED
        cmp     r0, #0
        ittt    eq
        moveq   r1, #1
        ldreq   r2, [r4]
        moveq   r3, #3
        itete   eq
        ldreq.w r2, [r4, #4]
        movne   r0, #9
        addeq   r0, #1
        addne   r0, #2
        pop     {r4}
        bx      lr

        .balign 4
        .thumb_func
t_align:
        push    {r4}
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        ldr     r4, =tbuf + 2
        cmp     r0, #1
        itett   ne
        ldrdne  r0, r1, [r4]
        moveq   r2, #2
        addne   r3, #1
        ldmne   r4, {r0, r1}
        pop     {r4}
        bx      lr

        .balign 4
        .thumb_func
t_bkpt:
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #0
        itte    ne
        movne   r1, #1
        .inst.n 0xbe05
        moveq   r2, #2
        movs    r3, #3
        bx      lr

@ IRQ (SGI 5 pending, IRQ masked) taken right after the MSR that unmasks it.
        .balign 4
        .thumb_func
t_irq:
        push    {r4}
        mrs     r4, cpsr
        bic     r4, r4, #PSR_I
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #0
        itete   eq
        msreq   cpsr_c, r4
        movne   r1, #1
        moveq   r2, #2
        movne   r3, #3
        cpsid   i
        pop     {r4}
        bx      lr

        .balign 4
        .thumb_func
t_irq2:
        push    {r4}
        mrs     r4, cpsr
        bic     r4, r4, #PSR_I
        movs    r0, #0
        movs    r1, #0
        movs    r2, #0
        movs    r3, #0
        cmp     r0, #1
        ittte   ne
        movne   r0, #5
        msrne   cpsr_c, r4
        addne.w r1, r0, #1
        moveq   r2, #2
        movs    r3, #3
        cpsid   i
        pop     {r4}
        bx      lr
        .ltorg
        .arm

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "thumb_it: IT blocks and exceptions inside them\n"
        bl      run_all_cases
        MOV32   r0, vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "-- exceptions in IT blocks\n"
        RUN     "svc in IT", t_svc
        RUN     "svc last in IT", t_svc_last
        RUN     "svc skipped in IT", t_svc_skipped
        RUN     "return into IT state 0x14", t_inject_14
        RUN     "return into IT state 0x08", t_inject_08
        RUN     "return into IT state 0x0f", t_inject_0f
        RUN     "return into IT state 0x1a", t_inject_1a
        RUN     "return into IT state 0xe4", t_inject_e4
        RUN     "udf in IT", t_udf
        RUN     "udf.w in IT", t_udf_w
        RUN     "udf skipped in IT", t_udf_skipped
        RUN     "data abort in IT", t_dabt
        RUN     "alignment fault in IT", t_align
        RUN     "bkpt in IT", t_bkpt
        PUTS    "-- IRQ in IT blocks\n"
        MOV32   r8, GICD_BASE
        MOV32   r9, GICC_BASE
        mov     r0, #1
        str     r0, [r8, #GICD_CTLR]
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]
        MOV32   r0, SGIR_SELF | 5
        str     r0, [r8, #GICD_SGIR]
        RUN     "irq after msr in IT", t_irq
        MOV32   r0, SGIR_SELF | 6
        str     r0, [r8, #GICD_SGIR]
        RUN     "irq after msr in IT (2)", t_irq2
        mov     r0, #0
        str     r0, [r9, #GICC_CTLR]
        str     r0, [r8, #GICD_CTLR]
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

        .bss
        .balign 8
rec:    .space  24
tbuf:   .space  64
