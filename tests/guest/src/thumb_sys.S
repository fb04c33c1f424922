@ thumb_sys: interworking and system instructions in Thumb state.
@ A32 -> Thumb through BX, BLX (register and immediate), LDR pc, POP {pc},
@ LDM with pc and A32 data processing to the pc (interworking in A32);
@ Thumb -> A32 through BX (including `bx pc`), BLX, LDR.W pc, POP {pc},
@ LDM.W with pc; Thumb writes to the pc by MOV/ADD that stay in Thumb
@ (ALUWritePC is a plain branch in Thumb); LR bit 0 after BL/BLX. Exceptions
@ taken to Thumb handlers (SCTLR.TE = 1) from A32 and Thumb code, returning
@ with SUBS pc, lr and RFE (after SRS). MRS/MSR/CPS, SPSR access, CP15
@ MRC/MCR, an UNDEFINED CP15 access, HVC (PSCI), SETEND, hints, WFI with an
@ interrupt pending, BKPT and User mode in Thumb.
        .include "lib.inc"
        .include "thumb.inc"

        .equ REC_TYPE, 0
        .equ REC_LR, 4
        .equ REC_SPSR, 8
        .equ REC_X, 12

        .equ GICD_BASE,  0x08000000
        .equ GICD_CTLR,  0x000
        .equ GICD_ICPENDR, 0x280
        .equ GICD_SGIR,  0xf00
        .equ GICC_BASE,  0x08010000
        .equ GICC_CTLR,  0x00
        .equ GICC_PMR,   0x04
        .equ SCTLR_TE,   (1 << 30)

@ Run test \fn (Thumb; \call is bl for an A32 one); print "\name:", r0-r3
@ and the last exception recorded (LR relative to \fn).
        .macro RUN name, fn, call=blx
        PUTS    "\name:"
        bl      rec_clear
        \call   \fn
        push    {r4}
        ldr     r4, =\fn
        bic     r4, r4, #1
        bl      show
        pop     {r4}
        .endm

        .text
@ ---------------------------------------------------------------- A32 side
rec_clear:
        push    {r0, r1, r2}
        ldr     r0, =rec
        mov     r1, #0
        mov     r2, #4
1:      str     r1, [r0], #4
        subs    r2, r2, #1
        bne     1b
        pop     {r0, r1, r2}
        bx      lr

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
        ldr     r0, [r5, #REC_X]
        PUTS    " x="
        PUTHEX  r0
9:      PUTS    "\n"
        pop     {r0-r5, lr}
        bx      lr
        .ltorg

@ A32 functions reached from Thumb: r0 = a marker, r1 = lr (bit 0 says how).
        .balign 4
arm_target:
        movw    r0, #0xa32
        mov     r1, lr
        bx      lr

@ A32 -> Thumb tests: each returns r0 = the Thumb target's marker, r1 = the lr
@ it saw minus the expected return address (0 or 1: bit 0).
a_bx:
        push    {lr}
        adr     lr, 1f
        ldr     r2, =t_target + 1
        bx      r2
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_blx_r:
        push    {lr}
        ldr     r2, =t_target + 1
        blx     r2
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_blx_i:
        push    {lr}
        blx     t_target
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_ldr_pc:
        push    {lr}
        adr     lr, 1f
        ldr     pc, =t_target + 1
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_pop_pc:
        push    {lr}
        adr     lr, 1f
        ldr     r2, =t_target + 1
        push    {r2}
        pop     {pc}
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_ldm_pc:
        push    {lr}
        adr     lr, 1f
        ldr     r3, =t_target + 1
        push    {r2, r3}
        mov     r2, sp
        ldm     r2, {r2, pc}
1:      add     sp, sp, #8
        adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_mov_pc:
        push    {lr}
        adr     lr, 1f
        ldr     r2, =t_target + 1
        mov     pc, r2
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_add_pc:
        push    {lr}
        adr     lr, 1f
        ldr     r2, =t_target
        add     pc, r2, #0
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
a_ldr_post:
        push    {lr}
        adr     lr, 1f
        ldr     r2, =t_target + 1
        push    {r2}
        ldr     pc, [sp], #4
1:      adr     r2, 1b
        sub     r1, r1, r2
        pop     {pc}
        .ltorg

@ ---------------------------------------------------------------- Thumb side
        .thumb
        .balign 4
        .thumb_func
t_target:
        movw    r0, #0x7ab
        mov     r1, lr
        bx      lr

@ Thumb -> A32 tests: r0 = the A32 target's marker, r1 = lr minus the
@ address after the branch (1: bit 0 set, as BL/BLX from Thumb do).
        .balign 4
        .thumb_func
t_bx:
        push    {lr}
        adr     r2, 1f
        adds    r2, #1
        mov     lr, r2
        ldr     r2, =arm_target
        bx      r2
        .balign 4
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {pc}

        .balign 4
        .thumb_func
t_blx_r:
        push    {lr}
        ldr     r2, =arm_target
        blx     r2
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {pc}

        .balign 4
        .thumb_func
t_blx_i:
        push    {lr}
        blx     arm_target
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {pc}

        .balign 4
        .thumb_func
t_bl:
        push    {lr}
        bl      t_target
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {pc}

        .balign 4
        .thumb_func
t_ldr_pc:
        push    {lr}
        adr     r2, 1f + 1
        mov     lr, r2
        ldr     r3, =arm_target
        push    {r3}
        ldr.w   pc, [sp], #4
        .balign 4
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {pc}

        .balign 4
        .thumb_func
t_pop_pc:
        push    {lr}
        adr     r2, 1f + 1
        mov     lr, r2
        ldr     r3, =arm_target
        push    {r3}
        pop     {pc}
        .balign 4
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {pc}

        .balign 4
        .thumb_func
t_pop_w_pc:
        push    {r4, lr}
        adr     r2, 1f + 1
        mov     lr, r2
        ldr     r3, =arm_target
        push    {r3}
        push    {r2}
        pop.w   {r4, pc}
        .balign 4
1:      adr     r2, 1b
        subs    r1, r1, r2
        pop     {r4, pc}

        .balign 4
        .thumb_func
t_ldm_pc:
        push    {r4, lr}
        adr     r2, 1f + 1
        mov     lr, r2
        ldr     r3, =arm_target
        push    {r2, r3}
        mov     r4, sp
        ldm.w   r4, {r2, pc}
        .balign 4
1:      add     sp, #8
        adr     r2, 1b
        subs    r1, r1, r2
        pop     {r4, pc}

@ `bx pc` switches to A32 at the next word-aligned address.
        .balign 4
        .thumb_func
t_bx_pc:
        push    {lr}
        .balign 4
        bx      pc
        nop
        .arm
        movw    r0, #0xb0c
        adr     r1, 1f + 1
        bx      r1
        .thumb
1:      movs    r1, #0
        pop     {pc}

@ MOV pc / ADD pc in Thumb: a branch that stays in Thumb (bit 0 ignored).
        .balign 4
        .thumb_func
t_mov_pc:
        movs    r0, #0
        adr     r2, 1f
        mov     pc, r2
        movs    r0, #1
        .balign 4
1:      adds    r0, #2
        adr     r2, 2f
        adds    r2, #1
        mov     pc, r2
        movs    r0, #4
        .balign 4
2:      adds    r0, #8
        adr     r2, 3f
        adr     r3, 4f
        subs    r2, r2, r3
4:      add     pc, r2
        movs    r0, #16
        .balign 4
3:      adds    r0, #32
        movs    r1, #0
        bx      lr

@ ---------------------------------------------------------------- Thumb handlers
        .balign 32
tvectors:
        b.w     t_unexp
        b.w     t_und
        b.w     t_svc
        b.w     t_pabt
        b.w     t_dabt
        b.w     t_unexp
        b.w     t_irq
        b.w     t_unexp

        .thumb_func
t_unexp:
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_TE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        blx     unexp_report

@ Record \type, LR, SPSR and \x (a register).
        .macro TRECORD type, x
        push    {r0, r1}
        ldr     r0, =rec
        movs    r1, #\type
        str     r1, [r0, #REC_TYPE]
        str     lr, [r0, #REC_LR]
        mrs     r1, spsr
        str     r1, [r0, #REC_SPSR]
        str     \x, [r0, #REC_X]
        pop     {r0, r1}
        .endm

@ SVC: record the immediate (Thumb or A32 caller) and return with SUBS pc, lr.
@ SVC #0x77 returns in SVC mode (leaves User mode).
        .thumb_func
t_svc:
        push    {r2, r3}
        mrs     r2, spsr
        tst     r2, #PSR_T
        ite     ne
        ldrbne  r3, [lr, #-2]
        ldreq   r3, [lr, #-4]
        it      eq
        biceq   r3, r3, #0xff000000
        cmp     r3, #0x77
        bne     1f
        bic     r2, r2, #PSR_MODE_MASK
        orr     r2, r2, #MODE_SVC
        msr     spsr_fsxc, r2
1:      TRECORD 2, r3
        pop     {r2, r3}
        subs    pc, lr, #0

@ Undefined: skip the instruction (A32: LR is already past it; Thumb: LR is
@ insn + 2) and return with SRS/RFE through the SVC stack.
        .thumb_func
t_und:
        TRECORD 1, lr
        push    {r0, r1}
        mrs     r0, spsr
        tst     r0, #PSR_T
        beq     1f
        ldrh    r1, [lr, #-2]
        cmp     r1, #0xe800
        it      hs
        addhs   lr, lr, #2
1:      pop     {r0, r1}
        srsdb   sp!, #MODE_UND
        rfeia   sp!

@ Prefetch abort: after a BKPT continue after it (16-bit in Thumb, 32-bit in
@ A32); after a PC alignment fault resume at `resume` (A32).
        .thumb_func
t_pabt:
        push    {r2}
        mrc     p15, 0, r2, c5, c0, 1
        TRECORD 3, r2
        cmp     r2, #1
        beq     1f
        mrs     r2, spsr
        tst     r2, #PSR_T
        pop     {r2}
        ite     ne
        subne   lr, lr, #2
        moveq   lr, lr
        subs    pc, lr, #0
1:      ldr     lr, =resume
        ldr     lr, [lr]
        pop     {r2}
        subs    pc, lr, #0

@ Data abort: skip an A32 instruction.
        .thumb_func
t_dabt:
        push    {r2}
        mrc     p15, 0, r2, c5, c0, 0
        TRECORD 4, r2
        pop     {r2}
        subs    pc, lr, #4

        .thumb_func
t_irq:
        push    {r0-r2}
        ldr     r1, =GICC_BASE
        ldr     r2, [r1, #0x0c]
        str     r2, [r1, #0x10]
        TRECORD 6, r2
        pop     {r0-r2}
        subs    pc, lr, #4
        .ltorg

@ ---------------------------------------------------------------- system tests
        .balign 4
        .thumb_func
s_psr:
        movs    r0, #0
        msr     APSR_nzcvq, r0
        mrs     r0, apsr
        mov     r1, #0xf8000000
        msr     APSR_nzcvq, r1
        mrs     r1, apsr
        mov     r2, #0x000f0000
        msr     APSR_g, r2
        mrs     r2, cpsr
        mrs     r3, spsr
        bx      lr

        .balign 4
        .thumb_func
s_spsr:
        mrs     r3, spsr
        ldr     r0, =0xf80f0213
        msr     spsr_fsxc, r0
        mrs     r1, spsr
        movs    r0, #0x1f
        msr     spsr_c, r0
        mrs     r2, spsr
        msr     spsr_fsxc, r3
        movs    r0, #0
        bx      lr

        .balign 4
        .thumb_func
s_cps:
        mov     r3, sp
        cps     #MODE_SYS
        mrs     r0, cpsr
        mov     r1, sp
        cpsie   a
        mrs     r2, cpsr
        cpsid   a
        cps     #MODE_SVC
        sub     r1, r1, r3
        mrs     r3, cpsr
        bx      lr

        .balign 4
        .thumb_func
s_msr_mode:
        mov     r3, sp
        mrs     r0, cpsr
        bic     r1, r0, #PSR_MODE_MASK
        orr     r1, r1, #MODE_ABT
        msr     cpsr_c, r1
        mov     r1, sp
        mrs     r2, cpsr
        msr     cpsr_c, r0
        sub     r1, r1, r3
        bx      lr

        .balign 4
        .thumb_func
s_cp15:
        mrc     p15, 0, r0, c0, c0, 0
        mrc     p15, 0, r1, c1, c0, 0
        ldr     r2, =0x12345678
        mcr     p15, 0, r2, c13, c0, 2
        mrc     p15, 0, r2, c13, c0, 2
        mrc     p15, 0, r3, c12, c0, 0
        bx      lr
        .ltorg

        .balign 4
        .thumb_func
s_cp15_und:
        movs    r0, #1
        mcr     p15, 0, r0, c0, c0, 0
        movs    r1, #2
        mrc     p15, 7, r2, c15, c15, 7
        movs    r3, #3
        bx      lr

        .balign 4
        .thumb_func
s_hvc:
        push    {lr}
        ldr     r0, =PSCI_VERSION
        hvc     #0
        mov     r1, r0
        ldr     r0, =0x840000ff
        hvc     #0
        movs    r2, #0
        movs    r3, #0
        pop     {pc}
        .ltorg

        .balign 4
        .thumb_func
s_setend:
        ldr     r3, =data_word
        setend  be
        ldr     r0, [r3]
        ldrh    r1, [r3]
        setend  le
        ldr     r2, [r3]
        mrs     r3, cpsr
        bx      lr
        .ltorg

        .balign 4
        .thumb_func
s_hints:
        movs    r0, #1
        nop
        yield
        sev
        wfe
        dmb
        dsb
        isb
        clrex
        movs    r1, #2
        mov     r2, #0
        mov     r3, #0
        bx      lr

        .balign 4
        .thumb_func
s_svc_thumb:
        push    {lr}
        movs    r0, #1
        svc     #0x5a
        movs    r1, #2
        svc     #0xff
        movs    r2, #3
        movs    r3, #4
        pop     {pc}

        .balign 4
        .thumb_func
s_udf_thumb:
        movs    r0, #1
        udf     #0x12
        movs    r1, #2
        udf.w   #0xabcd
        movs    r2, #3
        movs    r3, #4
        bx      lr

        .balign 4
        .thumb_func
s_bkpt_thumb:
        movs    r0, #1
        bkpt    #0x33
        movs    r1, #2
        movs    r2, #3
        movs    r3, #4
        bx      lr

@ Encodings QEMU 7.2 makes UNDEFINED: T32 LDM/STM of one register, LDM with
@ writeback to a loaded base, a store with Rn = pc.
        .macro UNDEF name, word
        .balign 4
        .thumb_func
\name:
        movs    r0, #1
        mov     r1, sp
        .inst.w \word
        mov     r2, sp
        subs    r1, r1, r2
        movs    r2, #3
        movs    r3, #4
        bx      lr
        .endm
        UNDEF   s_ldm1, 0xe8bd0004              @ ldmia.w sp!, {r2}
        UNDEF   s_stm1, 0xe92d0004              @ stmdb sp!, {r2}
        UNDEF   s_ldm_wb, 0xe8b00005            @ ldmia.w r0!, {r0, r2}
        UNDEF   s_str_pc, 0xf8cf2004            @ str.w r2, [pc, #4]

@ IRQ taken to a Thumb handler after `cpsie i` in Thumb code.
        .balign 4
        .thumb_func
s_irq_thumb:
        movs    r0, #1
        cpsie   i
        movs    r1, #2
        cpsid   i
        movs    r2, #3
        movs    r3, #4
        bx      lr

@ WFI with an interrupt pending (masked): returns at once.
        .balign 4
        .thumb_func
s_wfi:
        movs    r0, #1
        wfi
        movs    r1, #2
        movs    r2, #0
        movs    r3, #0
        bx      lr

@ User mode in Thumb: CPS is ignored, MSR cannot change the mode, SVC returns
@ to SVC mode (the SVC handler turns the SPSR mode into SVC for #0x77).
        .balign 4
        .thumb_func
s_user:
        push    {r4, lr}
        mov     r4, sp
        mrs     r0, cpsr
        bic     r0, r0, #PSR_MODE_MASK
        orr     r0, r0, #MODE_USR
        msr     cpsr_c, r0
        cps     #MODE_SVC
        mrs     r1, cpsr
        mov     r0, #0x13
        msr     cpsr_c, r0
        mrs     r2, cpsr
        svc     #0x77
        mrs     r3, cpsr
        mov     sp, r4
        movs    r0, #0
        pop     {r4, pc}
        .arm

@ A32 code that traps to the Thumb handlers.
a_traps:
        push    {lr}
        mov     r0, #1
        svc     #0x123456
        mov     r1, #2
        udf     #0x4321
        mov     r2, #3
        mov     r3, #0x50000000
        ldr     r3, [r3]
        mov     r3, #4
        pop     {pc}

@ Interworking branches to an A32 address with bit 1 set: PC alignment fault.
a_bx_misaligned:
        push    {lr}
        ldr     r0, =resume
        adr     r1, 1f
        str     r1, [r0]
        ldr     r2, =arm_target + 2
        mov     r0, #5
        bx      r2
1:      mov     r1, #6
        pop     {pc}
        .thumb
        .thumb_func
t_bx_misaligned:
        push    {lr}
        ldr     r0, =resume
        ldr     r1, =1f
        str     r1, [r0]
        ldr     r2, =arm_target + 2
        movs    r0, #7
        bx      r2
        .arm
        .balign 4
1:      mov     r1, #8
        pop     {pc}
        .ltorg

unexp_report:
        PUTS    "UNEXPECTED exception with Thumb vectors\n"
        b       psci_off

        .global main
main:
        push    {r4-r11, lr}
        PUTS    "thumb_sys: interworking and system instructions in Thumb\n"
        PUTS    "-- A32 to Thumb\n"
        RUN     "bx", a_bx, bl
        RUN     "blx reg", a_blx_r, bl
        RUN     "blx imm", a_blx_i, bl
        RUN     "ldr pc", a_ldr_pc, bl
        RUN     "pop pc", a_pop_pc, bl
        RUN     "ldm pc", a_ldm_pc, bl
        RUN     "mov pc", a_mov_pc, bl
        RUN     "add pc", a_add_pc, bl
        RUN     "ldr pc post-indexed", a_ldr_post, bl
        PUTS    "-- Thumb to A32 and Thumb branches\n"
        RUN     "bx", t_bx
        RUN     "blx reg", t_blx_r
        RUN     "blx imm", t_blx_i
        RUN     "bl", t_bl
        RUN     "ldr.w pc", t_ldr_pc
        RUN     "pop pc", t_pop_pc
        RUN     "pop.w pc", t_pop_w_pc
        RUN     "ldm.w pc", t_ldm_pc
        RUN     "bx pc", t_bx_pc
        RUN     "mov/add pc", t_mov_pc
        PUTS    "-- system instructions in Thumb\n"
        RUN     "mrs/msr apsr", s_psr
        RUN     "spsr", s_spsr
        RUN     "cps", s_cps
        RUN     "msr mode", s_msr_mode
        RUN     "cp15", s_cp15
        RUN     "hvc", s_hvc
        RUN     "setend", s_setend
        RUN     "hints", s_hints
        PUTS    "-- Thumb exception handlers (SCTLR.TE)\n"
        ldr     r0, =tvectors
        mcr     p15, 0, r0, c12, c0, 0
        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #SCTLR_TE
        mcr     p15, 0, r0, c1, c0, 0
        isb
        RUN     "a32 traps", a_traps, bl
        RUN     "svc from Thumb", s_svc_thumb
        RUN     "udf from Thumb", s_udf_thumb
        RUN     "cp15 undefined", s_cp15_und
        RUN     "bkpt from Thumb", s_bkpt_thumb
        RUN     "ldm.w of one register", s_ldm1
        RUN     "stmdb of one register", s_stm1
        RUN     "ldm.w with writeback to a loaded base", s_ldm_wb
        RUN     "str.w with Rn = pc", s_str_pc
        RUN     "a32 bx to a misaligned a32 address", a_bx_misaligned, bl
        RUN     "thumb bx to a misaligned a32 address", t_bx_misaligned
        MOV32   r8, GICD_BASE
        MOV32   r9, GICC_BASE
        mov     r0, #1
        str     r0, [r8, #GICD_CTLR]
        str     r0, [r9, #GICC_CTLR]
        mov     r0, #0xff
        str     r0, [r9, #GICC_PMR]
        MOV32   r0, (2 << 24) | 3
        str     r0, [r8, #GICD_SGIR]
        RUN     "irq to a Thumb handler", s_irq_thumb
        MOV32   r0, (2 << 24) | 4
        str     r0, [r8, #GICD_SGIR]
        RUN     "wfi with an interrupt pending", s_wfi
        RUN     "irq after wfi", s_irq_thumb
        mov     r0, #0
        str     r0, [r9, #GICC_CTLR]
        str     r0, [r8, #GICD_CTLR]
        RUN     "user mode", s_user
        mrc     p15, 0, r0, c1, c0, 0
        bic     r0, r0, #SCTLR_TE
        mcr     p15, 0, r0, c1, c0, 0
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

        .data
        .balign 4
data_word:
        .word   0x11223344
        .bss
        .balign 8
rec:    .space  16
resume: .space  4
